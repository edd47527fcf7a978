namespace Stowage.Storage;

/// <summary>A watcher fell so far behind that the store dropped it; it should watch again from its last revision.</summary>
public sealed class WatchLaggedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public WatchLaggedException() : base("watcher fell behind and was dropped") { }

    /// <summary>Creates the exception with a message.</summary>
    public WatchLaggedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public WatchLaggedException(string message, Exception innerException) : base(message, innerException) { }
}
