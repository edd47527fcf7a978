using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Stowage.Storage.Sqlite;

namespace Stowage.Benchmarks;

/// <summary>
/// Durable create throughput: raw SQLite (one INSERT per transaction, the ceiling without group commit; and
/// 100 per transaction, for scale) against <see cref="SqliteStore"/> with 1 and 32 concurrent writers.
/// All with WAL and synchronous=FULL, 1 KiB values, on a fresh temp file each.
/// </summary>
internal sealed class StorageBenchmark
{
    private const int ValueSize = 1024;
    private const int Warmup = 200;

    private readonly string _directory;
    private readonly TimeSpan _duration;
    private readonly byte[] _value = MakeValue();
    private readonly IReadOnlyCollection<string> _cases;

    /// <param name="directory">Where the temp databases go.</param>
    /// <param name="duration">How long each case runs.</param>
    /// <param name="cases">Which cases to run (raw1, raw100, store1, store32); empty for all.</param>
    public StorageBenchmark(string directory, TimeSpan duration, IReadOnlyCollection<string> cases)
    {
        _directory = directory;
        _duration = duration;
        _cases = cases;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"storage benchmark: {_duration.TotalSeconds:0.#} s per case, {ValueSize} B values, WAL + synchronous=FULL, under {_directory}");
        Console.WriteLine($"{Environment.ProcessorCount} CPUs, SQLite {SqliteVersion()}, .NET {Environment.Version}");
        var all = new (string Name, Func<string, Task<Measurement>> Run)[]
        {
            ("raw1", path => RawInsertsAsync(path, rowsPerTransaction: 1, cancellationToken)),
            ("raw100", path => RawInsertsAsync(path, rowsPerTransaction: 100, cancellationToken)),
            ("store1", path => StoreCreatesAsync(path, writers: 1, cancellationToken)),
            ("store32", path => StoreCreatesAsync(path, writers: 32, cancellationToken)),
        };
        var results = new List<Measurement>();
        foreach (var (name, run) in all)
        {
            if (_cases.Count == 0 || _cases.Contains(name))
            {
                results.Add(await InFreshDatabase(run));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| {"case",-44} | {"ops",8} | {"ops/s",8} | {"p50 ms",7} | {"p99 ms",7} | {"max ms",7} | {"ops/txn",7} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var m in results)
        {
            var perTransaction = m.Transactions is { } t && t > 0 ? (m.Operations / (double)t).ToString("0.0", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine(
                $"| {m.Name,-44} | {m.Operations,8} | {m.PerSecond,8:0} | {m.Percentile(0.50),7} | {m.Percentile(0.99),7} | {m.Percentile(1.0),7} | {perTransaction,7} |");
        }

        if (_cases.Count == 0)
        {
            Console.WriteLine();
            Console.WriteLine($"SqliteStore, 32 writers: {results[3].PerSecond / results[0].PerSecond:0.0}x the raw one-insert-per-transaction rate.");
        }
    }

    private async Task<Measurement> InFreshDatabase(Func<string, Task<Measurement>> run)
    {
        var folder = Path.Combine(_directory, $"stowage-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var m = await run(Path.Combine(folder, "bench.db"));
            Console.WriteLine($"  {m.Name}: {m.PerSecond:0}/s");
            return m;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>(a) The baseline: the same schema-free table the research anchors measured, rows committed one batch at a time.</summary>
    private async Task<Measurement> RawInsertsAsync(string path, int rowsPerTransaction, CancellationToken cancellationToken)
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
        insert.Parameters.Add("@value", SqliteType.Blob).Value = _value;
        insert.Prepare();

        var i = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(_duration.TotalSeconds * Stopwatch.Frequency);
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

    /// <summary>(b) <see cref="SqliteStore.CreateAsync"/> with concurrent writers sharing group commits.</summary>
    private async Task<Measurement> StoreCreatesAsync(string path, int writers, CancellationToken cancellationToken)
    {
        await using var store = await SqliteStore.OpenAsync(path, cancellationToken: cancellationToken);
        for (var i = 0; i < Warmup; i++)
        {
            await store.CreateAsync($"/warmup/{i}", _value, cancellationToken);
        }

        var transactionsBefore = store.CommittedTransactionCount;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(_duration.TotalSeconds * Stopwatch.Frequency);
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var m = new Measurement(string.Empty);
            long now;
            for (var i = 0; (now = Stopwatch.GetTimestamp()) < end && !cancellationToken.IsCancellationRequested; i++)
            {
                var result = await store.CreateAsync(Key(w, i), _value, cancellationToken);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"create failed: {result.Outcome}");
                }

                m.Add(now, Stopwatch.GetTimestamp());
            }

            return m;
        }, cancellationToken)));

        var total = new Measurement($"SqliteStore.CreateAsync, {writers} writer{(writers == 1 ? string.Empty : "s")}")
        {
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
        foreach (var m in perWriter)
        {
            total.Merge(m);
        }

        total.Transactions = store.CommittedTransactionCount - transactionsBefore;
        return total;
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"/registry/persistentvolumes/pv-{i:D8}");

    private static string Key(int writer, int i) => string.Create(CultureInfo.InvariantCulture, $"/registry/persistentvolumes/pv-{writer:D2}-{i:D8}");

    /// <summary>A 1 KiB persistent-volume-shaped JSON document, as in the research anchors.</summary>
    private static byte[] MakeValue()
    {
        const string doc = """"{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-00000001","uid":"00000001-0000-4000-8000-000000000000","resourceVersion":"1","labels":{"app":"bench","tier":"storage"}},"spec":{"capacity":{"storage":"20Gi"},"accessModes":["ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Retain","storageClassName":"standard","csi":{"driver":"bench.csi.example.com","volumeHandle":"vol-00000001"}},"status":{"phase":"Available"}""""; // followed by ,"pad":"xxx…"}
        const string padOpen = ",\"pad\":\"";
        var pad = new string('x', ValueSize - Encoding.UTF8.GetByteCount(doc) - padOpen.Length - 2);
        return Encoding.UTF8.GetBytes(doc + padOpen + pad + "\"}");
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return (string)command.ExecuteScalar()!;
    }
}
