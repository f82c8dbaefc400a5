namespace FeedSync.Cli.Commands;

/// <summary>A setting that is missing or cannot be read: the command exits with code 2 and prints the message.</summary>
internal sealed class CliConfigurationException : Exception
{
    public CliConfigurationException(string message)
        : base(message)
    {
    }

    public CliConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliConfigurationException()
    {
    }
}
