using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stowage.Storage.Watching;

namespace Stowage.Storage.Sqlite;

/// <summary>
/// The embedded default datastore: one SQLite file in WAL mode holding a kine-style revision log beside the
/// current state (see <see cref="SqliteSchema"/>).
/// </summary>
/// <remarks>
/// Writes go through one writer loop that commits every queued write in one durable transaction (group commit,
/// see <see cref="SqliteWriter"/>); reads run on pooled read-only connections beside it; watchers get committed
/// events from memory (a ring of recent events plus live fan-out, see <see cref="WatchFanout"/>) and older history
/// from the log. Only one process may write the file at a time.
/// </remarks>
public sealed class SqliteStore : IStore
{
    private readonly string _path;
    private readonly SqliteWriter _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly SqliteReader _reader;
    private readonly ReadSessionPool _pool;
    private readonly WatchFanout _fanout;
    private readonly ILogger _logger;
    private readonly FileStream _lock;
    private int _disposed;

    private SqliteStore(string path, FileStream lockFile, SqliteWriter writer, WalCheckpointer checkpointer, ReadSessionPool pool, WatchFanout fanout, ILogger logger)
    {
        _checkpointer = checkpointer;
        _path = path;
        _lock = lockFile;
        _writer = writer;
        _pool = pool;
        _reader = new SqliteReader(pool);
        _fanout = fanout;
        _logger = logger;
    }

    /// <summary>How many write transactions have committed since the store opened (each is one fsync).</summary>
    public long CommittedTransactionCount => _writer.CommittedTransactions;

    /// <summary>
    /// Opens (creating if new) the database at <paramref name="databasePath"/>. On reopen the revision continues
    /// from the last committed one.
    /// </summary>
    public static async Task<SqliteStore> OpenAsync(
        string databasePath,
        SqliteStoreOptions? options = null,
        ILogger<SqliteStore>? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        options ??= SqliteStoreOptions.Default;
        options.Validate();
        ILogger log = logger ?? NullLogger<SqliteStore>.Instance;
        var path = Path.GetFullPath(databasePath);
        var timeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        var writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = timeout,
        }.ToString();
        var readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = timeout,
        }.ToString();

        // One writer per file: two stores would each count revisions on their own. An exclusive lock on a file
        // beside the database (flock on Unix) refuses a second store, in this process or another.
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StorageException($"{path} is already open in another store (its lock file is held)", ex);
        }

        var connection = new SqliteConnection(writeConnectionString);
        WalCheckpointer? checkpointer = null;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var (current, compacted, logFloor) = await SqliteSchema.InitializeAsync(connection, options, cancellationToken).ConfigureAwait(false);
            var fanout = new WatchFanout(options.WatchRingCapacity, options.WatcherQueueCapacity, current, compacted);
            checkpointer = await WalCheckpointer.StartAsync(writeConnectionString, log, cancellationToken).ConfigureAwait(false);
            var writer = new SqliteWriter(connection, current, compacted, logFloor, fanout, checkpointer, options, log);
            var pool = new ReadSessionPool(readConnectionString, options.MaxIdleReadConnections);
            SqliteStoreLog.Opened(log, path, current, compacted);
            return new SqliteStore(path, lockFile, writer, checkpointer, pool, fanout, log);
        }
        catch (Exception ex)
        {
            if (checkpointer is not null)
            {
                await checkpointer.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            await lockFile.DisposeAsync().ConfigureAwait(false);
            if (ex is SqliteException sqlite)
            {
                throw new StorageException($"cannot open {path}: {sqlite.Message}", sqlite);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(_writer.CommittedRevision);
    }

    /// <inheritdoc />
    public ValueTask<long> GetCompactedRevisionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(_writer.CompactedRevision);
    }

    /// <inheritdoc />
    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        ThrowIfDisposed();
        return Read(() => _reader.Get(key, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        return Submit(new WriteRequest(WriteKind.Create, key, value.ToArray(), 0), cancellationToken);
    }

    /// <inheritdoc />
    public Task<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        StoreArguments.UpdateRevision(expectedModRevision);
        return Submit(new WriteRequest(WriteKind.Update, key, value.ToArray(), expectedModRevision), cancellationToken);
    }

    /// <inheritdoc />
    public Task<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        StoreArguments.DeleteRevision(expectedModRevision);
        return Submit(new WriteRequest(WriteKind.Delete, key, [], expectedModRevision), cancellationToken);
    }

    /// <inheritdoc />
    public Task<RangeResult> RangeAsync(string prefix, RangeOptions options, CancellationToken cancellationToken)
    {
        StoreArguments.Prefix(prefix);
        StoreArguments.Range(options);
        ThrowIfDisposed();
        return Read(() => _reader.Range(prefix, options, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        StoreArguments.Prefix(prefix);
        StoreArguments.WatchRevision(afterRevision);
        return WatchCoreAsync(prefix, afterRevision, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The compacted revision is recorded in the first transaction; the log rows go a chunk per transaction,
    /// each queued behind the writes waiting at that moment, so compaction never stalls writers for long.
    /// </remarks>
    public async Task CompactAsync(long revision, CancellationToken cancellationToken)
    {
        StoreArguments.CompactRevision(revision);
        ThrowIfDisposed();
        StoreArguments.NotFuture(revision, _writer.CommittedRevision, nameof(revision));

        // Even at or below the compacted revision, a step runs: it finishes removing rows that a cancelled
        // or crashed earlier compaction left behind (the writer tracks how far removal got).
        WriteRequest step;
        do
        {
            step = new WriteRequest(WriteKind.CompactStep, string.Empty, [], revision);
            await _writer.SubmitAsync(step, cancellationToken).ConfigureAwait(false);
        }
        while (step.MoreToCompact);

        SqliteStoreLog.Compacted(_logger, _path, revision);
    }

    /// <summary>Finishes queued writes, ends every watch, closes the connections and checkpoints the WAL.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DrainAsync().ConfigureAwait(false);
        _fanout.Complete();
        _pool.Dispose();
        var revision = _writer.CommittedRevision;
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _lock.DisposeAsync().ConfigureAwait(false);
        SqliteStoreLog.Closed(_logger, _path, revision);
    }

    private async IAsyncEnumerable<WatchEvent> WatchCoreAsync(
        string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var subscription = _fanout.Subscribe(prefix, afterRevision);
        await foreach (var e in WatchStream.ReadAsync(subscription, _reader.ReadHistoryAsync, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>Runs a (synchronous, short) read on the caller's thread and reports its failure through the task.</summary>
    private static Task<T> Read<T>(Func<T> read, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(read());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private Task<WriteResult> Submit(WriteRequest request, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _writer.SubmitAsync(request, cancellationToken);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
