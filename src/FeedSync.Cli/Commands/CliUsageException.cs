namespace FeedSync.Cli.Commands;

/// <summary>A usage or configuration error: the command exits with code 2 and prints the message.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliUsageException()
    {
    }
}
