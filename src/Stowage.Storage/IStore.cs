namespace Stowage.Storage;

/// <summary>
/// The datastore contract: an ordered key space of byte values with a single, cluster-wide,
/// monotonically increasing 64-bit revision — the shape of etcd v3, so that an etcd backend maps
/// onto it one call to one request.
/// </summary>
/// <remarks>
/// Invariants every backend keeps (the conformance suite checks each one):
/// <list type="bullet">
/// <item>Every successful write (create, update, delete) advances the store revision by exactly one
/// and stamps the affected key with it (<see cref="KeyValue.ModRevision"/>); failed preconditions
/// consume no revision.</item>
/// <item>A write is durable when its task completes: it survives a crash of the process.</item>
/// <item>Watchers see every change after their start revision exactly once, in revision order.</item>
/// <item>The store knows nothing of the values' meaning: API semantics live above it.</item>
/// </list>
/// Expected outcomes (not found, already exists, revision mismatch) are values, not exceptions;
/// <see cref="StorageException"/> is for infrastructure failures only.
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the most recent committed write (0 for an empty store).</summary>
    ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken);

    /// <summary>Reads one key at the latest revision.</summary>
    Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates a key that must not exist (etcd: txn compare create_revision == 0).</summary>
    Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a key's value if its current mod revision equals <paramref name="expectedModRevision"/>
    /// (etcd: txn compare mod_revision). On mismatch the result carries the current pair. The expected
    /// revision must be positive (<see cref="ArgumentOutOfRangeException"/> otherwise): in etcd a compare
    /// with 0 matches a missing key and would turn the update into a create.
    /// </summary>
    Task<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a key, if <paramref name="expectedModRevision"/> is non-zero only when it matches.
    /// The result carries the deleted pair (etcd: prev_kv).
    /// </summary>
    Task<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Lists keys with a prefix in key order, at the latest revision or (if <paramref name="options"/>
    /// names one) at a past revision that is not compacted.
    /// </summary>
    /// <remarks>
    /// As in etcd, a read at exactly the compacted revision still succeeds; below it the task fails with
    /// <see cref="CompactedException"/>, above the current revision with <see cref="ArgumentOutOfRangeException"/>.
    /// The prefix is a plain string prefix: <c>/a/b</c> also matches <c>/a/bc</c>, so callers end it with a separator.
    /// </remarks>
    Task<RangeResult> RangeAsync(string prefix, RangeOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every change under <paramref name="prefix"/> with a revision greater than
    /// <paramref name="afterRevision"/>. Throws <see cref="CompactedException"/> (at once, or on the
    /// first read) when that history has been compacted away, i.e. when <paramref name="afterRevision"/> is
    /// below the compacted revision. The stream ends (without an exception) when the token is cancelled or
    /// the store is closed, or fails with <see cref="WatchLaggedException"/> if the consumer falls too far
    /// behind; the events queued before that are still delivered.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Discards history at and below <paramref name="revision"/> (the latest value of every key is kept).
    /// Compacting at or below the compacted revision does nothing; above the current revision the task fails
    /// with <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    Task CompactAsync(long revision, CancellationToken cancellationToken);

    /// <summary>The highest compacted revision (0 if none).</summary>
    ValueTask<long> GetCompactedRevisionAsync(CancellationToken cancellationToken);
}
