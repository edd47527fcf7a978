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
    public async Task Compaction_removes_old_log_rows_in_chunks_and_keeps_every_current_pair()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync(SqliteStoreOptions.Default with { CompactionChunkSize = 7 });
        for (var i = 0; i < 50; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes($"v{i}"), None);
        }

        // Revisions 51-90 replace the first 40 values; 91-95 delete /c/45../c/49.
        for (var i = 0; i < 40; i++)
        {
            await Store.UpdateAsync($"/c/{i}", Bytes($"w{i}"), i + 1, None);
        }

        for (var i = 45; i < 50; i++)
        {
            await Store.DeleteAsync($"/c/{i}", 0, None);
        }

        var sqlite = (SqliteStore)Store;
        var before = sqlite.CommittedTransactionCount;

        await Store.CompactAsync(92, None);

        // (0, 92] in chunks of 7: 14 steps. Gone: the 40 replaced creates, the creates of the deleted keys and the
        // deletes at or below 92. Left: the creates of /c/40../c/44 (still current), the 40 updates, 3 deletes above 92.
        Assert.Equal(14, sqlite.CommittedTransactionCount - before);
        Assert.Equal((48L, 41L), await LogRowsAsync());
        var all = await Store.RangeAsync("/c/", RangeOptions.All, None);
        Assert.Equal(45, all.Items.Count);
        Assert.Equal("w0", Text((await Store.GetAsync("/c/0", None))!));
        Assert.Equal("v44", Text((await Store.GetAsync("/c/44", None))!));
        var atCompaction = await Store.RangeAsync("/c/", new RangeOptions(Revision: 92), None);
        Assert.Equal(48, atCompaction.Items.Count);
        Assert.Equal("v48", Text(atCompaction.Items.Single(kv => kv.Key == "/c/48")));
        var events = await TakeAsync(Store, "/c/", 92, 3);
        Assert.Equal(["Delete /c/47=v47@48/93 prev=v47@48/48", "Delete /c/48=v48@49/94 prev=v48@49/49", "Delete /c/49=v49@50/95 prev=v49@50/50"], Describe(events));

        // Reopened, compaction goes on from where it got to instead of scanning from the start again.
        await Store.DisposeAsync();
        Store = await OpenAsync(SqliteStoreOptions.Default with { CompactionChunkSize = 7 });
        sqlite = (SqliteStore)Store;
        before = sqlite.CommittedTransactionCount;
        await Store.CompactAsync(95, None);
        Assert.Equal(1, sqlite.CommittedTransactionCount - before);
        Assert.Equal((45L, 41L), await LogRowsAsync());
    }

    [Fact]
    public async Task A_pair_compaction_kept_as_current_goes_once_it_is_replaced_or_deleted()
    {
        await Store.CreateAsync("/k/a", Bytes("a1"), None);
        await Store.CreateAsync("/k/b", Bytes("b1"), None);
        await Store.CreateAsync("/k/c", Bytes("c1"), None);
        await Store.CompactAsync(3, None);
        Assert.Equal((3L, 1L), await LogRowsAsync());

        // Compaction has passed revisions 1 and 2 for good; replacing or deleting those pairs removes their rows.
        await Store.UpdateAsync("/k/a", Bytes("a2"), 1, None);
        await Store.DeleteAsync("/k/b", 0, None);

        Assert.Equal((3L, 3L), await LogRowsAsync());
        Assert.Equal(
            ["Update /k/a=a2@1/4 prev=a1@1/1", "Delete /k/b=b1@2/5 prev=b1@2/2"],
            Describe(await TakeAsync(Store, "/k/", 3, 2)));
        Assert.Equal(["a1", "b1", "c1"], (await Store.RangeAsync("/k/", new RangeOptions(Revision: 3), None)).Items.Select(Text));
    }

    [Fact]
    public async Task Revisions_keep_increasing_after_the_newest_row_was_compacted_away()
    {
        await Store.CreateAsync("/r/a", Bytes("x"), None);
        await Store.CreateAsync("/r/b", Bytes("x"), None);
        await Store.DeleteAsync("/r/b", 0, None);
        await Store.CompactAsync(3, None);
        Assert.Equal((1L, 1L), await LogRowsAsync());

        await Store.DisposeAsync();
        Store = await OpenAsync(SqliteStoreOptions.Default);

        Assert.Equal(3, await Store.GetCurrentRevisionAsync(None));
        Assert.Equal(3, (await Store.RangeAsync("/r/", RangeOptions.All, None)).Revision);
        Assert.Equal(4, (await Store.CreateAsync("/r/c", Bytes("x"), None)).Revision);
    }

    [Fact]
    public async Task Each_value_is_written_once_for_a_create_and_twice_for_an_update()
    {
        var padding = new string('p', 2000);
        var created = await Store.CreateAsync("/v/a", Bytes("create " + padding), None);
        await Store.UpdateAsync("/v/a", Bytes("update " + padding), created.Revision, None);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT SUM(LENGTH(value) + COALESCE(LENGTH(prev_value), 0)) FROM log), (SELECT COUNT(*) FROM pragma_table_info('kv') WHERE name = 'value');";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        // The create's value, then the update's new and replaced values: 3 copies, none in kv.
        Assert.Equal(3 * (7 + padding.Length), reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_version_1_database_is_upgraded_on_open_with_its_data_history_and_compaction()
    {
        await Store.DisposeAsync();
        File.Delete(DatabasePath);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();

            // Version 1's layout, as it stood after: create /u/a (1), create /u/b (2), update /u/a (3), create /u/c (4),
            // delete /u/c (5), create /u/d (6), then a compaction to 3 that removed rows 1-3.
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE log (revision INTEGER PRIMARY KEY, key TEXT NOT NULL, type INTEGER NOT NULL, value BLOB NOT NULL,
                    prev_value BLOB, create_revision INTEGER NOT NULL, prev_revision INTEGER NOT NULL);
                CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, create_revision INTEGER NOT NULL, mod_revision INTEGER NOT NULL);
                CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 1), current_revision INTEGER NOT NULL, compacted_revision INTEGER NOT NULL);
                INSERT INTO meta VALUES (1, 6, 3);
                INSERT INTO log VALUES (4, '/u/c', 0, CAST('c1' AS BLOB), NULL, 4, 0);
                INSERT INTO log VALUES (5, '/u/c', 2, CAST('c1' AS BLOB), NULL, 4, 4);
                INSERT INTO log VALUES (6, '/u/d', 0, CAST('d1' AS BLOB), NULL, 6, 0);
                INSERT INTO kv VALUES ('/u/a', CAST('a2' AS BLOB), 1, 3);
                INSERT INTO kv VALUES ('/u/b', CAST('b1' AS BLOB), 2, 2);
                INSERT INTO kv VALUES ('/u/d', CAST('d1' AS BLOB), 6, 6);
                PRAGMA user_version = 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        Store = await OpenAsync(SqliteStoreOptions.Default);

        Assert.Equal((6L, 3L), (await Store.GetCurrentRevisionAsync(None), await Store.GetCompactedRevisionAsync(None)));
        var items = (await Store.RangeAsync("/u/", RangeOptions.All, None)).Items;
        Assert.Equal(["/u/a=a2@1/3", "/u/b=b1@2/2", "/u/d=d1@6/6"], items.Select(kv => $"{kv.Key}={Text(kv)}@{kv.CreateRevision}/{kv.ModRevision}"));
        var atFour = (await Store.RangeAsync("/u/", new RangeOptions(Revision: 4), None)).Items;
        Assert.Equal(["a2", "b1", "c1"], atFour.Select(Text));
        Assert.Equal(
            ["Create /u/c=c1@4/4 prev=-", "Delete /u/c=c1@4/5 prev=c1@4/4", "Create /u/d=d1@6/6 prev=-"],
            Describe(await TakeAsync(Store, "/u/", 3, 3)));
        await Assert.ThrowsAsync<CompactedException>(() => TakeAsync(Store, "/u/", 2, 1));

        var updated = await Store.UpdateAsync("/u/b", Bytes("b2"), 2, None);
        Assert.Equal(7, updated.Revision);
        Assert.Equal("b1", Text(updated.Previous!));
        await Store.CompactAsync(7, None);
        Assert.Equal(["a2", "b2", "d1"], (await Store.RangeAsync("/u/", RangeOptions.All, None)).Items.Select(Text));
        Assert.Equal((3L, 3L), await LogRowsAsync());
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
