namespace Stowage.Storage.Sqlite;

/// <summary>What a queued <see cref="WriteRequest"/> asks the writer to do.</summary>
internal enum WriteKind
{
    /// <summary>Create a key that must not exist.</summary>
    Create,

    /// <summary>Replace a key whose mod revision matches.</summary>
    Update,

    /// <summary>Delete a key (whose mod revision matches, if one is named).</summary>
    Delete,

    /// <summary>Record a compacted revision and remove one chunk of log rows at or below it.</summary>
    CompactStep,
}
