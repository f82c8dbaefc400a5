namespace FeedSync.Hunting;

/// <summary>
/// A folder that hunting content cannot be written into, because a file of that name exists or because
/// the folder or a file in it cannot be created. The message starts with the quoted folder as the caller passed it, so
/// that a caller can put the option or setting that supplied it in front.
/// </summary>
public sealed class HuntingOutputException : Exception
{
    /// <summary>Creates an exception with the default message.</summary>
    public HuntingOutputException()
        : this("The hunting content could not be written.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HuntingOutputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the file-system error that caused it.</summary>
    public HuntingOutputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
