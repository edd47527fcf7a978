using Stowage.Storage.Watching;

namespace Stowage.Storage.Sqlite;

/// <summary>Tuning of a <see cref="SqliteStore"/>; the defaults suit a single API server.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The defaults.</summary>
    public static SqliteStoreOptions Default { get; } = new();

    /// <summary>At most this many queued writes share one transaction (one fsync).</summary>
    public int MaxBatchSize { get; init; } = 512;

    /// <summary>Recent events kept in memory, so that watchers starting near the head do not read the database.</summary>
    public int WatchRingCapacity { get; init; } = WatchFanout.DefaultRingCapacity;

    /// <summary>Events a watcher may have queued before it is dropped with <see cref="WatchLaggedException"/>.</summary>
    public int WatcherQueueCapacity { get; init; } = WatchFanout.DefaultQueueCapacity;

    /// <summary>Log rows removed per transaction while compacting, so that writes interleave with a long compaction.</summary>
    public int CompactionChunkSize { get; init; } = 10_000;

    /// <summary>Idle read connections kept open for reuse.</summary>
    public int MaxIdleReadConnections { get; init; } = 8;

    /// <summary>
    /// Page cache of the writer connection, in bytes. Creates insert into the key index at many places, so a
    /// cache that holds the index keeps writes from reading pages back from the OS (64 MiB: ~10% more creates/s
    /// than SQLite's 2 MB default in the storage benchmark).
    /// </summary>
    public long WriterCacheSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a statement waits for a lock held by another process before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(WatchRingCapacity, nameof(WatchRingCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatcherQueueCapacity, 1, nameof(WatcherQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(CompactionChunkSize, 1, nameof(CompactionChunkSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIdleReadConnections, nameof(MaxIdleReadConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero, nameof(BusyTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(WriterCacheSize, nameof(WriterCacheSize));
    }
}
