using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Stowage.Storage.Sqlite;

/// <summary>
/// The on-disk layout (a kine-style revision log beside an index of the current revisions) and its creation and
/// upgrade.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>log</c>: one row per successful write, keyed by its revision, holding the value written. An update also
/// stores the value it replaced, and a delete stores the value it removed, so a watch replay and a past-revision
/// read never need a row that compaction may already have removed.</item>
/// <item><c>kv</c>: per live key, its create and mod revision; the value is the log row at the mod revision, so each
/// value is written once (as etcd keeps a revision's value once). Compaction never removes a row that is some
/// key's current pair.</item>
/// <item><c>meta</c>: one row with the current and the compacted revision, and the log floor: every row at or below
/// it that is not a current pair has been removed.</item>
/// </list>
/// Every write changes log, kv and meta in one transaction, so the three always agree.
/// A state at a past revision R (not below the compacted revision) is: the kv rows with mod_revision &lt;= R,
/// plus, for each key changed after R, the pair its first change after R replaced or deleted.
/// Version 1 kept a copy of each current value in kv (twice the bytes per write); opening such a database moves
/// it to version 2 in one transaction.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The layout version kept in <c>PRAGMA user_version</c>.</summary>
    public const int Version = 2;

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
            create_revision INTEGER NOT NULL,
            mod_revision    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS meta (
            id                 INTEGER PRIMARY KEY CHECK (id = 1),
            current_revision   INTEGER NOT NULL,
            compacted_revision INTEGER NOT NULL,
            log_floor          INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO meta (id, current_revision, compacted_revision, log_floor) VALUES (1, 0, 0, 0);
        """;

    /// <summary>(value, create_revision, mod_revision) of key <c>@key</c> at the head: its kv row and the log row at its mod revision.</summary>
    public const string SelectPair =
        "SELECT v.value, k.create_revision, k.mod_revision FROM kv AS k CROSS JOIN log AS v ON v.revision = k.mod_revision WHERE k.key = @key;";

    // Version 1 → 2. A current pair whose log row compaction removed gets that row back (at its mod revision, at or
    // below the compacted revision, where no replay or past read looks); the floor is where version 1's compaction
    // had got to: the lowest row left, or the current revision when the log was empty.
    private const string UpgradeFromVersion1 = """
        ALTER TABLE meta ADD COLUMN log_floor INTEGER NOT NULL DEFAULT 0;
        UPDATE meta SET log_floor = COALESCE((SELECT MIN(revision) - 1 FROM log), current_revision) WHERE id = 1;
        INSERT INTO log (revision, key, type, value, prev_value, create_revision, prev_revision)
            SELECT kv.mod_revision, kv.key, 0, kv.value, NULL, kv.create_revision, 0 FROM kv
            WHERE NOT EXISTS (SELECT 1 FROM log WHERE log.revision = kv.mod_revision);
        CREATE TABLE kv_v2 (
            key             TEXT    PRIMARY KEY,
            create_revision INTEGER NOT NULL,
            mod_revision    INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO kv_v2 (key, create_revision, mod_revision) SELECT key, create_revision, mod_revision FROM kv;
        DROP TABLE kv;
        ALTER TABLE kv_v2 RENAME TO kv;
        """;

    /// <summary>Sets the writer connection's durability, creates the tables if new, and reads the revisions.</summary>
    /// <returns>The current revision, the compacted revision, and the log floor.</returns>
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
            var upgrade = version == 1 ? UpgradeFromVersion1 : CreateTables;
            await ExecuteAsync(connection, upgrade + $"PRAGMA user_version = {Version};", cancellationToken, transaction).ConfigureAwait(false);
            transaction.Commit();
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_revision, compacted_revision, log_floor FROM meta WHERE id = 1;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new StorageException("the meta row is missing");
        }

        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
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
