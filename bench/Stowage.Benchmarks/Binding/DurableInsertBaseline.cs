using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// The machine's durable-write yardstick: N rows of 1 KiB, each in its own transaction
/// (Microsoft.Data.Sqlite, WAL, synchronous=FULL), on a fresh file in the benchmark's directory —
/// so one fsync per row, the cost every API write would pay without group commit.
/// </summary>
internal static class DurableInsertBaseline
{
    private const int RowSize = 1024;

    /// <summary>Inserts the rows and returns the elapsed time.</summary>
    public static async Task<TimeSpan> RunAsync(string directory, int rows, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(directory, $"stowage-baseline-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "baseline.db")};Pooling=False");
            await connection.OpenAsync(cancellationToken);
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL);";
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO kv (key, value) VALUES (@key, @value);";
            var key = insert.Parameters.Add("@key", SqliteType.Text);
            insert.Parameters.Add("@value", SqliteType.Blob).Value = new byte[RowSize];
            insert.Prepare();

            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < rows && !cancellationToken.IsCancellationRequested; i++)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                key.Value = string.Create(CultureInfo.InvariantCulture, $"/registry/persistentvolumes/pv-{i:D8}");
                insert.ExecuteNonQuery();
                transaction.Commit();
            }
            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
