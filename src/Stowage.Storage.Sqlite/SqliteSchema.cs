using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Stowage.Storage.Sqlite;

/// <summary>
/// The on-disk layout (a kine-style revision log beside a current-state table) and its creation.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>log</c>: one row per successful write, keyed by its revision. Each row is self-contained: an update
/// also stores the value it replaced, and a delete stores the value it removed, so a watch replay and a
/// past-revision read never need a row that compaction may already have removed.</item>
/// <item><c>kv</c>: the latest pair of every live key, for point and prefix reads at the head.</item>
/// <item><c>meta</c>: one row with the current and the compacted revision.</item>
/// </list>
/// Every write changes log, kv and meta in one transaction, so the three always agree.
/// A state at a past revision R (not below the compacted revision) is: the kv rows with mod_revision &lt;= R,
/// plus, for each key changed after R, the pair its first change after R replaced or deleted.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The layout version kept in <c>PRAGMA user_version</c>.</summary>
    public const int Version = 1;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS log (
            revision        INTEGER PRIMARY KEY,
            key             TEXT    NOT NULL,
            type            INTEGER NOT NULL,
            value           BLOB    NOT NULL,
            prev_value      BLOB,
            create_revision INTEGER NOT NULL,
            prev_revision   INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS kv (
            key             TEXT    PRIMARY KEY,
            value           BLOB    NOT NULL,
            create_revision INTEGER NOT NULL,
            mod_revision    INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS meta (
            id                 INTEGER PRIMARY KEY CHECK (id = 1),
            current_revision   INTEGER NOT NULL,
            compacted_revision INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO meta (id, current_revision, compacted_revision) VALUES (1, 0, 0);
        """;

    /// <summary>Sets the writer connection's durability, creates the tables if new, and reads the revisions.</summary>
    /// <returns>The current revision, the compacted revision, and the lowest revision still in the log minus one.</returns>
    public static async Task<(long Current, long Compacted, long LogFloor)> InitializeAsync(
        SqliteConnection connection, SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var journalMode = await ScalarAsync<string>(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException($"the database cannot use write-ahead logging (journal mode is {journalMode})");
        }

        // FULL: in WAL mode each commit syncs the WAL, so a write is durable when its task completes.
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL;", cancellationToken).ConfigureAwait(false);

        // No checkpoint inside a commit: WalCheckpointer does it on its own connection (see there).
        await ExecuteAsync(connection, "PRAGMA wal_autocheckpoint = 0;", cancellationToken).ConfigureAwait(false);

        // SQLite's default 2 MB cache misses on the kv index as soon as the table outgrows it; each miss is a
        // read from the OS. (A negative cache_size is in KiB.)
        var cacheKibibytes = Math.Max(1, options.WriterCacheSize / 1024);
        await ExecuteAsync(
            connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{cacheKibibytes};"), cancellationToken).ConfigureAwait(false);

        var version = await ScalarAsync<long>(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false);
        if (version > Version)
        {
            throw new StorageException($"the database has layout version {version}; this build reads up to {Version}");
        }

        using (var transaction = connection.BeginTransaction())
        {
            await ExecuteAsync(connection, CreateTables + $"PRAGMA user_version = {Version};", cancellationToken, transaction).ConfigureAwait(false);
            transaction.Commit();
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_revision, compacted_revision, (SELECT COALESCE(MIN(revision), 0) FROM log) FROM meta WHERE id = 1;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new StorageException("the meta row is missing");
        }

        var current = reader.GetInt64(0);
        var compacted = reader.GetInt64(1);
        var lowestInLog = reader.GetInt64(2);
        var logFloor = lowestInLog == 0 ? current : lowestInLog - 1;
        return (current, compacted, logFloor);
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }
}
