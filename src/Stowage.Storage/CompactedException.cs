namespace Stowage.Storage;

/// <summary>A read or watch asked for history that compaction has discarded.</summary>
public sealed class CompactedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public CompactedException() { }

    /// <summary>Creates the exception with a message.</summary>
    public CompactedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CompactedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a requested and a compacted revision.</summary>
    public CompactedException(long requestedRevision, long compactedRevision)
        : base($"required revision {requestedRevision} has been compacted (compacted revision {compactedRevision})")
    {
        RequestedRevision = requestedRevision;
        CompactedRevision = compactedRevision;
    }

    /// <summary>The revision asked for.</summary>
    public long RequestedRevision { get; }

    /// <summary>The store's compacted revision.</summary>
    public long CompactedRevision { get; }
}
