using System.Diagnostics;
using System.Globalization;
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
    private const int Warmup = 200;

    private readonly string _directory;
    private readonly TimeSpan _duration;
    private readonly byte[] _value = RawSqliteInserts.PvShapedValue;

    public StorageBenchmark(string directory, TimeSpan duration)
    {
        _directory = directory;
        _duration = duration;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"storage benchmark: {_duration.TotalSeconds:0.#} s per case, {RawSqliteInserts.ValueSize} B values, WAL + synchronous=FULL, under {_directory}");
        Console.WriteLine($"{Environment.ProcessorCount} CPUs, SQLite {RawSqliteInserts.SqliteVersion()}, .NET {Environment.Version}");
        var results = new List<Measurement>
        {
            await InFreshDatabase(path => RawSqliteInserts.RunAsync(path, rowsPerTransaction: 1, _duration, cancellationToken)),
            await InFreshDatabase(path => RawSqliteInserts.RunAsync(path, rowsPerTransaction: 100, _duration, cancellationToken)),
            await InFreshDatabase(path => StoreCreatesAsync(path, writers: 1, cancellationToken)),
            await InFreshDatabase(path => StoreCreatesAsync(path, writers: 32, cancellationToken)),
        };

        Console.WriteLine();
        Console.WriteLine($"| {"case",-44} | {"ops",8} | {"ops/s",8} | {"p50 ms",7} | {"p99 ms",7} | {"max ms",7} | {"ops/txn",7} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var m in results)
        {
            var perTransaction = m.Transactions is { } t && t > 0 ? (m.Operations / (double)t).ToString("0.0", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine(
                $"| {m.Name,-44} | {m.Operations,8} | {m.PerSecond,8:0} | {m.Percentile(0.50),7} | {m.Percentile(0.99),7} | {m.Percentile(1.0),7} | {perTransaction,7} |");
        }

        var baseline = results[0].PerSecond;
        Console.WriteLine();
        Console.WriteLine($"SqliteStore, 32 writers: {results[3].PerSecond / baseline:0.0}x the raw one-insert-per-transaction rate.");
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

    private static string Key(int writer, int i) => string.Create(CultureInfo.InvariantCulture, $"/registry/persistentvolumes/pv-{writer:D2}-{i:D8}");
}
