using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Stowage.Benchmarks;

/// <summary>
/// The raw SQLite baseline the research anchors measured: a schema-free <c>kv</c> table, WAL and synchronous=FULL,
/// one writer committing <c>rowsPerTransaction</c> 1 KiB rows per transaction, on a fresh file.
/// </summary>
internal static class RawSqliteInserts
{
    /// <summary>The size of every stored value.</summary>
    public const int ValueSize = 1024;

    /// <summary>A 1 KiB persistent-volume-shaped JSON document, as in the research anchors.</summary>
    public static byte[] PvShapedValue { get; } = MakeValue();

    /// <summary>Runs the inserts for a duration in a new database under <paramref name="directory"/>, then deletes it.</summary>
    public static async Task<Measurement> RunInFreshDatabaseAsync(string directory, int rowsPerTransaction, TimeSpan duration, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(directory, $"stowage-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            return await RunAsync(Path.Combine(folder, "bench.db"), rowsPerTransaction, duration, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Inserts rows into a new database at <paramref name="path"/> for a duration.</summary>
    public static async Task<Measurement> RunAsync(string path, int rowsPerTransaction, TimeSpan duration, CancellationToken cancellationToken)
    {
        var name = rowsPerTransaction == 1 ? "raw SQLite, 1 INSERT per transaction" : $"raw SQLite, {rowsPerTransaction} INSERTs per transaction";
        var m = new Measurement(name);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL);";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO kv (key, value) VALUES (@key, @value);";
        var key = insert.Parameters.Add("@key", SqliteType.Text);
        insert.Parameters.Add("@value", SqliteType.Blob).Value = PvShapedValue;
        insert.Prepare();

        var i = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long now;
        while ((now = Stopwatch.GetTimestamp()) < end && !cancellationToken.IsCancellationRequested)
        {
            using (var transaction = connection.BeginTransaction())
            {
                insert.Transaction = transaction;
                for (var r = 0; r < rowsPerTransaction; r++)
                {
                    key.Value = Key(i++);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            m.Add(now, Stopwatch.GetTimestamp(), rowsPerTransaction);
        }

        m.Elapsed = Stopwatch.GetElapsedTime(started);
        return m;
    }

    /// <summary>The linked SQLite library's version.</summary>
    public static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return (string)command.ExecuteScalar()!;
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"/registry/persistentvolumes/pv-{i:D8}");

    private static byte[] MakeValue()
    {
        const string doc = """"{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-00000001","uid":"00000001-0000-4000-8000-000000000000","resourceVersion":"1","labels":{"app":"bench","tier":"storage"}},"spec":{"capacity":{"storage":"20Gi"},"accessModes":["ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Retain","storageClassName":"standard","csi":{"driver":"bench.csi.example.com","volumeHandle":"vol-00000001"}},"status":{"phase":"Available"}""""; // followed by ,"pad":"xxx…"}
        const string padOpen = ",\"pad\":\"";
        var pad = new string('x', ValueSize - Encoding.UTF8.GetByteCount(doc) - padOpen.Length - 2);
        return Encoding.UTF8.GetBytes(doc + padOpen + pad + "\"}");
    }
}
