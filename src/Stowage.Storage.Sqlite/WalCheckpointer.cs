using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Stowage.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on its own connection and thread, so that no commit pays for it.
/// </summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold (1,000 pages): that writer
/// copies the pages to the database file and fsyncs it before its callers hear back, every few hundred
/// commits — a stall of every request in that batch. The writer connection therefore runs with
/// <c>wal_autocheckpoint = 0</c>, and this loop checkpoints (PASSIVE: it never waits for readers or the writer)
/// after every <see cref="CommitsPerCheckpoint"/> commits, and once a second while commits trickle in.
/// Durability is unchanged: a commit is durable once its WAL frames are synced, which the writer still does;
/// a checkpoint only moves durable pages into the main file. Once a checkpoint has copied every frame, the
/// writer's next transaction starts the WAL over from its beginning, so it does not grow while checkpoints
/// keep up.
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Commits between checkpoints (a group-committed batch of creates is ~5-40 pages).</summary>
    public const int CommitsPerCheckpoint = 100;

    private static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _commits;
    private long _checkpointedAt;
    private int _tailDue;

    private WalCheckpointer(SqliteConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        // Its own thread: a checkpoint blocks in fsync of the database file, which must not hold a pool thread.
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite checkpoint" };
        _thread.Start();
    }

    /// <summary>Opens the checkpoint connection and starts the loop.</summary>
    public static async Task<WalCheckpointer> StartAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous = FULL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new WalCheckpointer(connection, logger);
    }

    /// <summary>Called by the writer after each commit; wakes the loop every <see cref="CommitsPerCheckpoint"/> commits.</summary>
    public void Committed()
    {
        var commits = Interlocked.Increment(ref _commits);
        if (commits - Volatile.Read(ref _checkpointedAt) >= CommitsPerCheckpoint && _signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a racing caller: one wake-up is enough.
            }
        }
    }

    /// <summary>
    /// True once after each background checkpoint: the writer should then checkpoint the few frames appended
    /// meanwhile itself, between two transactions, so that its next transaction starts the WAL over.
    /// </summary>
    public bool TakeTailCheckpoint() => Volatile.Read(ref _tailDue) == 1 && Interlocked.Exchange(ref _tailDue, 0) == 1;

    /// <summary>Stops the loop (a checkpoint under way finishes) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.Run(_thread.Join).ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
    }

    private void Run()
    {
        using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _signal.Wait(IdleInterval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var commits = Volatile.Read(ref _commits);
            if (commits == Volatile.Read(ref _checkpointedAt))
            {
                continue;
            }

            try
            {
                checkpoint.ExecuteNonQuery();
                Volatile.Write(ref _checkpointedAt, commits);
                Volatile.Write(ref _tailDue, 1);
            }
            catch (SqliteException ex)
            {
                // Nothing is lost: the frames stay in the WAL, and the next checkpoint (or the next open) copies them.
                SqliteStoreLog.BackgroundCheckpointFailed(_logger, ex);
                Volatile.Write(ref _checkpointedAt, commits);
            }
        }
    }
}
