namespace Stowage.Storage;

/// <summary>An infrastructure failure of the datastore (I/O, corruption, lost connection).</summary>
public class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageException() { }

    /// <summary>Creates the exception with a message.</summary>
    public StorageException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public StorageException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>True when retrying the same call may succeed.</summary>
    public bool IsTransient { get; init; }
}
