using Microsoft.Data.Sqlite;
using Stowage.Storage;
using Stowage.Storage.Sqlite;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

/// <summary>The conformance suite against <see cref="SqliteStore"/>, plus what only a durable file can show.</summary>
public sealed class SqliteStoreTests : StoreConformanceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "stowage-storage-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "stowage.db");

    // A small ring, so that the suite's watches replay from the log as well as from memory.
    private static readonly SqliteStoreOptions SuiteOptions = SqliteStoreOptions.Default with { WatchRingCapacity = 64 };

    protected override async Task<IStore> OpenStoreAsync() => await OpenAsync(SuiteOptions);

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
        var parent = Path.GetDirectoryName(_directory)!;
        if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
        {
            try
            {
                Directory.Delete(parent);
            }
            catch (IOException)
            {
                // Another test class created a database in it meanwhile; it removes the folder itself.
            }
        }
    }

    [Fact]
    public async Task Reopening_keeps_data_and_revisions_keep_increasing()
    {
        var a = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.UpdateAsync("/a", Bytes("two"), a.Revision, None);
        await Store.CreateAsync("/b", Bytes("x"), None);
        await Store.DeleteAsync("/b", 0, None);
        await Store.DisposeAsync();

        Store = await OpenAsync(SqliteStoreOptions.Default);

        Assert.Equal(4, await Store.GetCurrentRevisionAsync(None));
        var stored = (await Store.GetAsync("/a", None))!;
        Assert.Equal(("two", 1L, 2L), (Text(stored), stored.CreateRevision, stored.ModRevision));
        Assert.Null(await Store.GetAsync("/b", None));
        Assert.Equal(5, (await Store.CreateAsync("/c", Bytes("x"), None)).Revision);
        Assert.Equal(6, (await Store.UpdateAsync("/a", Bytes("three"), 2, None)).Revision);
    }

    [Fact]
    public async Task Reopening_keeps_history_for_watch_and_past_reads_and_the_compacted_revision()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.CreateAsync($"/h/{i}", Bytes($"{i}"), None);
        }

        await Store.UpdateAsync("/h/0", Bytes("changed"), 1, None);
        await Store.CompactAsync(2, None);
        await Store.DisposeAsync();

        Store = await OpenAsync(SqliteStoreOptions.Default);

        Assert.Equal(2, await Store.GetCompactedRevisionAsync(None));
        await Assert.ThrowsAsync<CompactedException>(() => TakeAsync(Store, "/h/", 1, 1));
        var events = await TakeAsync(Store, "/h/", 2, 5);
        Assert.Equal([3L, 4, 5, 6, 7], events.Select(e => e.Revision));
        Assert.Equal(("0", WatchEventType.Update), (Text(events[^1].PrevKv!), events[^1].Type));
        var past = await Store.RangeAsync("/h/", new RangeOptions(Revision: 4), None);
        Assert.Equal(["0", "1", "2", "3"], past.Items.Select(Text));
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_is_refused()
    {
        await Store.CreateAsync("/a", Bytes("x"), None);

        var error = await Assert.ThrowsAsync<StorageException>(() => OpenAsync(SqliteStoreOptions.Default));

        Assert.Contains("already open", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await Store.CreateAsync("/b", Bytes("x"), None)).Revision);
    }

    [Fact]
    public async Task Concurrent_creates_share_transactions()
    {
        const int writes = 256;
        var sqlite = (SqliteStore)Store;
        var before = sqlite.CommittedTransactionCount;

        var results = await Task.WhenAll(Enumerable.Range(0, writes).Select(i => Store.CreateAsync($"/g/{i:D3}", Bytes("x"), None)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var transactions = sqlite.CommittedTransactionCount - before;
        Assert.InRange(transactions, 1, writes - 1);
        Assert.Equal(Enumerable.Range(1, writes).Select(r => (long)r), results.Select(r => r.Revision).Order());
    }

    [Fact]
    public async Task Watch_from_before_the_in_memory_ring_reads_the_same_events_from_the_log()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync(SqliteStoreOptions.Default with { WatchRingCapacity = 8 });
        var live = Task.Run(() => TakeAsync(Store, "/r/", 0, 40));
        for (var i = 0; i < 20; i++)
        {
            var created = await Store.CreateAsync($"/r/{i}", Bytes($"{i}"), None);
            await Store.UpdateAsync($"/r/{i}", Bytes($"{i}b"), created.Revision, None);
        }

        await Store.DeleteAsync("/r/3", 0, None);
        var fromLog = await TakeAsync(Store, "/r/", 0, 41);
        var fromRing = await TakeAsync(Store, "/r/", 36, 5);

        Assert.Equal(Enumerable.Range(1, 41).Select(r => (long)r), fromLog.Select(e => e.Revision));
        var liveEvents = await live;
        Assert.Equal(Describe(liveEvents), Describe(fromLog.Take(40)));
        Assert.Equal(Describe(fromLog.Skip(36)), Describe(fromRing));
        var delete = fromLog[^1];
        Assert.Equal((WatchEventType.Delete, "3b", 41L, 8L), (delete.Type, Text(delete.Kv), delete.Kv.ModRevision, delete.PrevKv!.ModRevision));
    }

    [Fact]
    public async Task Slow_watcher_is_dropped_with_watch_lagged()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync(SqliteStoreOptions.Default with { WatcherQueueCapacity = 16 });

        await AssertSlowWatcherIsDroppedAsync(Store, 16);
    }

    [Fact]
    public async Task Failed_transaction_fails_its_writes_and_consumes_no_revision()
    {
        await Store.CreateAsync("/f/seed", Bytes("x"), None);

        // Make one key's insert fail inside the writer's transaction, as a full disk would.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER boom BEFORE INSERT ON kv WHEN NEW.key = '/f/boom' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var keys = Enumerable.Range(0, 40).Select(i => i == 20 ? "/f/boom" : $"/f/{i:D2}").ToList();
        var attempts = keys.Select(key => (Key: key, Task: Store.CreateAsync(key, Bytes("x"), None))).ToList();
        await Task.WhenAll(attempts.Select(a => a.Task).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var boom = attempts.Single(a => a.Key == "/f/boom").Task;
        Assert.IsType<StorageException>(boom.Exception?.InnerException);
        var succeeded = attempts.Where(a => a.Task.IsCompletedSuccessfully).ToList();
        Assert.All(attempts.Where(a => !a.Task.IsCompletedSuccessfully), a => Assert.IsType<StorageException>(a.Task.Exception?.InnerException));
        Assert.Equal(
            Enumerable.Range(2, succeeded.Count).Select(r => (long)r),
            succeeded.Select(a => a.Task.Result.Revision).Order());
        Assert.Equal(1 + succeeded.Count, await Store.GetCurrentRevisionAsync(None));
        foreach (var (key, task) in attempts)
        {
            Assert.Equal(task.IsCompletedSuccessfully, await Store.GetAsync(key, None) is not null);
        }

        var next = await Store.CreateAsync("/f/next", Bytes("x"), None);
        Assert.Equal(2 + succeeded.Count, next.Revision);
        var events = await TakeAsync(Store, "/f/", 0, 2 + succeeded.Count);
        Assert.Equal(Enumerable.Range(1, 2 + succeeded.Count).Select(r => (long)r), events.Select(e => e.Revision));
    }

    [Fact]
    public async Task Compaction_removes_old_log_rows_in_chunks()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync(SqliteStoreOptions.Default with { CompactionChunkSize = 7 });
        for (var i = 0; i < 50; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        var sqlite = (SqliteStore)Store;
        var before = sqlite.CommittedTransactionCount;

        await Store.CompactAsync(40, None);

        Assert.Equal(6, sqlite.CommittedTransactionCount - before);
        Assert.Equal((10L, 41L), await LogRowsAsync());
        Assert.Equal(50, (await Store.RangeAsync("/c/", RangeOptions.All, None)).Items.Count);
    }

    [Fact]
    public async Task Closing_checkpoints_the_log_into_the_database_file()
    {
        for (var i = 0; i < 20; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.DisposeAsync();

        var wal = new FileInfo(DatabasePath + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0, "the WAL is empty after a clean close");
        Store = await OpenAsync(SqliteStoreOptions.Default);
        Assert.Equal(20, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Under_a_steady_load_the_WAL_starts_over_instead_of_growing()
    {
        // 16 writers that never pause: a background checkpoint always finishes behind the writer, so without
        // the writer's own tail checkpoint the WAL only grows, by the same amount every 1,000 commits. With
        // it, the WAL starts over after each checkpoint and its file stops growing.
        const int writers = 16;
        var sqlite = (SqliteStore)Store;
        var value = new byte[3000];
        var start = sqlite.CommittedTransactionCount;
        var wal = new FileInfo(DatabasePath + "-wal");
        long atHalf = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; sqlite.CommittedTransactionCount - start < 2_000; i++)
            {
                Assert.True((await Store.CreateAsync($"/steady/{w:D2}/{i:D6}", value, None)).Succeeded);
                if (w == 0 && atHalf == 0 && sqlite.CommittedTransactionCount - start >= 1_000)
                {
                    wal.Refresh();
                    atHalf = wal.Length;
                }
            }
        })));

        wal.Refresh();
        Assert.True(atHalf > 0);
        Assert.True(wal.Length < atHalf * 3 / 2, $"the WAL grew from {atHalf} bytes after 1,000 commits to {wal.Length} after 2,000");
    }

    private async Task<SqliteStore> OpenAsync(SqliteStoreOptions options) => await SqliteStore.OpenAsync(DatabasePath, options);

    private async Task<(long Count, long Lowest)> LogRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(revision) FROM log;";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static List<string> Describe(IEnumerable<WatchEvent> events) =>
        events.Select(e => $"{e.Type} {e.Kv.Key}={Text(e.Kv)}@{e.Kv.CreateRevision}/{e.Kv.ModRevision} prev={(e.PrevKv is { } p ? $"{Text(p)}@{p.CreateRevision}/{p.ModRevision}" : "-")}").ToList();
}
