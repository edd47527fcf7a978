using System.Collections.Concurrent;
using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStore"/> backend must show. A backend's test class derives from this and
/// opens a fresh, empty store per test.
/// </summary>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The store under test; fresh and empty at the start of each test.</summary>
    protected IStore Store { get; set; } = null!;

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract Task<IStore> OpenStoreAsync();

    public virtual async Task InitializeAsync() => Store = await OpenStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    // ---- create, get, update, delete -------------------------------------------------------------

    [Fact]
    public async Task New_store_is_at_revision_zero_and_empty()
    {
        Assert.Equal(0, await Store.GetCurrentRevisionAsync(None));
        Assert.Equal(0, await Store.GetCompactedRevisionAsync(None));
        var all = await Store.RangeAsync("/", RangeOptions.All, None);
        Assert.Empty(all.Items);
        Assert.Equal(0, all.Revision);
    }

    [Fact]
    public async Task Create_stores_the_value_at_a_new_revision()
    {
        var result = await Store.CreateAsync("/a", Bytes("one"), None);

        Assert.Equal(WriteOutcome.Ok, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Revision);
        Assert.Equal(new KeyValue("/a", result.Current!.Value, 1, 1), result.Current);
        Assert.Null(result.Previous);
        var stored = await Store.GetAsync("/a", None);
        Assert.NotNull(stored);
        Assert.Equal("one", Text(stored));
        Assert.Equal(1, stored.CreateRevision);
        Assert.Equal(1, stored.ModRevision);
        Assert.Equal(1, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Create_of_an_existing_key_returns_already_exists_with_current_value()
    {
        await Store.CreateAsync("/a", Bytes("one"), None);

        var result = await Store.CreateAsync("/a", Bytes("two"), None);

        Assert.Equal(WriteOutcome.AlreadyExists, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Revision);
        Assert.Equal("one", Text(result.Current!));
        Assert.Equal(1, result.Current!.ModRevision);
        Assert.Equal("one", Text((await Store.GetAsync("/a", None))!));
    }

    [Fact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        await Store.CreateAsync("/a/b", Bytes("x"), None);

        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Null(await Store.GetAsync("/a/b/c", None));
    }

    [Fact]
    public async Task Empty_value_round_trips()
    {
        var created = await Store.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty, None);
        var updated = await Store.UpdateAsync("/empty", ReadOnlyMemory<byte>.Empty, created.Revision, None);

        Assert.True(updated.Succeeded);
        var stored = await Store.GetAsync("/empty", None);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.Value.Length);
        var events = await TakeAsync(Store, "/empty", 0, 2);
        Assert.Equal(0, events[1].PrevKv!.Value.Length);
    }

    [Fact]
    public async Task Stored_value_does_not_change_when_the_caller_reuses_its_buffer()
    {
        var buffer = Bytes("original");

        var result = await Store.CreateAsync("/a", buffer, None);
        Bytes("scribble").CopyTo(buffer, 0);

        Assert.Equal("original", Text(result.Current!));
        Assert.Equal("original", Text((await Store.GetAsync("/a", None))!));
    }

    [Fact]
    public async Task Update_with_current_revision_replaces_value_and_keeps_create_revision()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.CreateAsync("/other", Bytes("x"), None);

        var updated = await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        Assert.Equal(WriteOutcome.Ok, updated.Outcome);
        Assert.Equal(3, updated.Revision);
        Assert.Equal("two", Text(updated.Current!));
        Assert.Equal(1, updated.Current!.CreateRevision);
        Assert.Equal(3, updated.Current.ModRevision);
        Assert.Equal("one", Text(updated.Previous!));
        Assert.Equal(1, updated.Previous!.ModRevision);
        var stored = (await Store.GetAsync("/a", None))!;
        Assert.Equal(("two", 1L, 3L), (Text(stored), stored.CreateRevision, stored.ModRevision));
    }

    [Fact]
    public async Task Update_with_stale_revision_returns_conflict_with_current_value()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        var stale = await Store.UpdateAsync("/a", Bytes("three"), created.Revision, None);

        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);
        Assert.Equal(2, stale.Revision);
        Assert.Equal("two", Text(stale.Current!));
        Assert.Equal(2, stale.Current!.ModRevision);
        Assert.Equal("two", Text((await Store.GetAsync("/a", None))!));
        Assert.Equal(2, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Update_of_a_missing_key_returns_not_found()
    {
        await Store.CreateAsync("/b", Bytes("x"), None);

        var result = await Store.UpdateAsync("/a", Bytes("one"), 1, None);

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Equal(1, result.Revision);
        Assert.Null(result.Current);
        Assert.Null(await Store.GetAsync("/a", None));
    }

    [Fact]
    public async Task Update_without_an_expected_revision_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UpdateAsync("/a", Bytes("one"), 0, None));

        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Equal(0, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Delete_removes_the_key_and_returns_the_deleted_pair()
    {
        await Store.CreateAsync("/a", Bytes("one"), None);

        var deleted = await Store.DeleteAsync("/a", 0, None);

        Assert.Equal(WriteOutcome.Ok, deleted.Outcome);
        Assert.Equal(2, deleted.Revision);
        Assert.Null(deleted.Current);
        Assert.Equal(("one", 1L, 1L), (Text(deleted.Previous!), deleted.Previous!.CreateRevision, deleted.Previous.ModRevision));
        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Equal(2, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Delete_of_a_missing_key_returns_not_found()
    {
        var result = await Store.DeleteAsync("/a", 0, None);

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Equal(0, result.Revision);
        Assert.Equal(0, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Delete_with_stale_expected_revision_returns_conflict_and_keeps_the_key()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        var result = await Store.DeleteAsync("/a", created.Revision, None);

        Assert.Equal(WriteOutcome.Conflict, result.Outcome);
        Assert.Equal("two", Text(result.Current!));
        Assert.Equal(2, result.Current!.ModRevision);
        Assert.NotNull(await Store.GetAsync("/a", None));
    }

    [Fact]
    public async Task Delete_with_matching_expected_revision_succeeds()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        var updated = await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        var result = await Store.DeleteAsync("/a", updated.Revision, None);

        Assert.Equal(WriteOutcome.Ok, result.Outcome);
        Assert.Equal("two", Text(result.Previous!));
        Assert.Null(await Store.GetAsync("/a", None));
    }

    [Fact]
    public async Task Create_after_delete_starts_a_new_life_with_a_new_create_revision()
    {
        await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.DeleteAsync("/a", 0, None);

        var again = await Store.CreateAsync("/a", Bytes("two"), None);

        Assert.Equal(WriteOutcome.Ok, again.Outcome);
        Assert.Equal(3, again.Current!.CreateRevision);
        Assert.Equal(3, again.Current.ModRevision);
    }

    [Fact]
    public async Task Revisions_advance_by_exactly_one_per_successful_write_and_not_on_failed_ones()
    {
        var outcomes = new List<(WriteOutcome Outcome, long Revision)>();
        async Task Do(Task<WriteResult> write)
        {
            var r = await write;
            outcomes.Add((r.Outcome, r.Revision));
        }

        await Do(Store.CreateAsync("/a", Bytes("1"), None));          // ok 1
        await Do(Store.CreateAsync("/a", Bytes("x"), None));          // exists
        await Do(Store.CreateAsync("/b", Bytes("1"), None));          // ok 2
        await Do(Store.UpdateAsync("/a", Bytes("2"), 2, None));       // conflict (a is at 1)
        await Do(Store.UpdateAsync("/a", Bytes("2"), 1, None));       // ok 3
        await Do(Store.UpdateAsync("/missing", Bytes("2"), 1, None)); // not found
        await Do(Store.DeleteAsync("/b", 1, None));                   // conflict (b is at 2)
        await Do(Store.DeleteAsync("/b", 2, None));                   // ok 4
        await Do(Store.DeleteAsync("/b", 0, None));                   // not found

        Assert.Equal(
            [
                (WriteOutcome.Ok, 1L), (WriteOutcome.AlreadyExists, 1L), (WriteOutcome.Ok, 2L), (WriteOutcome.Conflict, 2L),
                (WriteOutcome.Ok, 3L), (WriteOutcome.NotFound, 3L), (WriteOutcome.Conflict, 3L), (WriteOutcome.Ok, 4L),
                (WriteOutcome.NotFound, 4L),
            ],
            outcomes);
        Assert.Equal(4, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Write_cancelled_before_it_is_submitted_is_not_applied()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CreateAsync("/a", Bytes("one"), cancelled.Token));

        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Equal(1, (await Store.CreateAsync("/b", Bytes("x"), None)).Revision);
    }

    // ---- range -----------------------------------------------------------------------------------

    [Fact]
    public async Task Range_lists_keys_under_the_prefix_in_key_order()
    {
        foreach (var key in new[] { "/r/c", "/r/a", "/q/z", "/r/b/x", "/s/a", "/r/b" })
        {
            await Store.CreateAsync(key, Bytes(key), None);
        }

        var result = await Store.RangeAsync("/r/", RangeOptions.All, None);

        Assert.Equal(["/r/a", "/r/b", "/r/b/x", "/r/c"], result.Items.Select(kv => kv.Key));
        Assert.All(result.Items, kv => Assert.Equal(kv.Key, Text(kv)));
        Assert.False(result.More);
        Assert.Equal(0, result.RemainingCount);
    }

    [Fact]
    public async Task Range_prefix_does_not_match_a_sibling_that_shares_the_prefix_text()
    {
        await Store.CreateAsync("/a/b/1", Bytes("x"), None);
        await Store.CreateAsync("/a/bc/1", Bytes("x"), None);
        await Store.CreateAsync("/a/b0", Bytes("x"), None);
        await Store.CreateAsync("/a/b", Bytes("x"), None);

        var withSlash = await Store.RangeAsync("/a/b/", RangeOptions.All, None);
        var withoutSlash = await Store.RangeAsync("/a/b", RangeOptions.All, None);

        Assert.Equal(["/a/b/1"], withSlash.Items.Select(kv => kv.Key));
        Assert.Equal(["/a/b", "/a/b/1", "/a/b0", "/a/bc/1"], withoutSlash.Items.Select(kv => kv.Key));
    }

    [Fact]
    public async Task Range_reports_the_revision_it_was_served_at()
    {
        await Store.CreateAsync("/a", Bytes("x"), None);
        await Store.CreateAsync("/other", Bytes("x"), None);

        var result = await Store.RangeAsync("/a", RangeOptions.All, None);

        Assert.Equal(2, result.Revision);
    }

    [Fact]
    public async Task Range_pages_with_limit_and_start_after_key_until_no_more_remain()
    {
        var keys = Enumerable.Range(0, 23).Select(i => $"/p/{i:D3}").ToList();
        foreach (var key in keys)
        {
            await Store.CreateAsync(key, Bytes(key), None);
        }

        await Store.CreateAsync("/q/000", Bytes("x"), None);
        var seen = new List<string>();
        var remaining = new List<long>();
        string? after = null;
        RangeResult page;
        do
        {
            page = await Store.RangeAsync("/p/", new RangeOptions(Limit: 5, StartAfterKey: after), None);
            seen.AddRange(page.Items.Select(kv => kv.Key));
            remaining.Add(page.RemainingCount);
            after = page.Items[^1].Key;
            Assert.Equal(24, page.Revision);
        }
        while (page.More);

        Assert.Equal(keys, seen);
        Assert.Equal([18L, 13, 8, 3, 0], remaining);
    }

    [Fact]
    public async Task Range_with_limit_exactly_the_count_has_no_more()
    {
        await Store.CreateAsync("/p/1", Bytes("x"), None);
        await Store.CreateAsync("/p/2", Bytes("x"), None);

        var result = await Store.RangeAsync("/p/", new RangeOptions(Limit: 2), None);

        Assert.Equal(2, result.Items.Count);
        Assert.False(result.More);
        Assert.Equal(0, result.RemainingCount);
    }

    [Fact]
    public async Task Range_start_after_key_before_the_prefix_starts_at_the_prefix()
    {
        await Store.CreateAsync("/p/1", Bytes("x"), None);
        await Store.CreateAsync("/p/2", Bytes("x"), None);

        var result = await Store.RangeAsync("/p/", new RangeOptions(StartAfterKey: "/a"), None);

        Assert.Equal(["/p/1", "/p/2"], result.Items.Select(kv => kv.Key));
    }

    [Fact]
    public async Task Range_at_a_past_revision_shows_the_keys_as_they_were()
    {
        var a = await Store.CreateAsync("/k/a", Bytes("a1"), None);          // 1
        var b = await Store.CreateAsync("/k/b", Bytes("b1"), None);          // 2
        await Store.CreateAsync("/k/c", Bytes("c1"), None);                  // 3
        var past = await Store.GetCurrentRevisionAsync(None);
        await Store.UpdateAsync("/k/a", Bytes("a2"), a.Revision, None);      // 4
        await Store.DeleteAsync("/k/b", b.Revision, None);                   // 5
        await Store.CreateAsync("/k/d", Bytes("d1"), None);                  // 6
        await Store.CreateAsync("/k/b", Bytes("b2"), None);                  // 7
        await Store.DeleteAsync("/k/c", 0, None);                            // 8
        await Store.CreateAsync("/k/c", Bytes("c2"), None);                  // 9

        var then = await Store.RangeAsync("/k/", new RangeOptions(Revision: past), None);
        var mid = await Store.RangeAsync("/k/", new RangeOptions(Revision: 6), None);
        var now = await Store.RangeAsync("/k/", RangeOptions.All, None);

        Assert.Equal(past, then.Revision);
        Assert.Equal(
            [("/k/a", "a1", 1L, 1L), ("/k/b", "b1", 2L, 2L), ("/k/c", "c1", 3L, 3L)],
            then.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision)));
        Assert.Equal(
            [("/k/a", "a2", 1L, 4L), ("/k/c", "c1", 3L, 3L), ("/k/d", "d1", 6L, 6L)],
            mid.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision)));
        Assert.Equal(
            [("/k/a", "a2", 1L, 4L), ("/k/b", "b2", 7L, 7L), ("/k/c", "c2", 9L, 9L), ("/k/d", "d1", 6L, 6L)],
            now.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision)));
    }

    [Fact]
    public async Task Range_at_a_past_revision_pages_like_the_latest()
    {
        for (var i = 0; i < 10; i++)
        {
            await Store.CreateAsync($"/p/{i}", Bytes("x"), None);
        }

        var past = await Store.GetCurrentRevisionAsync(None);
        for (var i = 0; i < 10; i += 2)
        {
            await Store.DeleteAsync($"/p/{i}", 0, None);
        }

        var first = await Store.RangeAsync("/p/", new RangeOptions(Limit: 4, Revision: past), None);
        var second = await Store.RangeAsync("/p/", new RangeOptions(Limit: 4, StartAfterKey: first.Items[^1].Key, Revision: past), None);

        Assert.Equal(["/p/0", "/p/1", "/p/2", "/p/3"], first.Items.Select(kv => kv.Key));
        Assert.True(first.More);
        Assert.Equal(6, first.RemainingCount);
        Assert.Equal(["/p/4", "/p/5", "/p/6", "/p/7"], second.Items.Select(kv => kv.Key));
        Assert.Equal(2, second.RemainingCount);
    }

    [Fact]
    public async Task Range_at_a_future_revision_is_rejected()
    {
        await Store.CreateAsync("/a", Bytes("x"), None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.RangeAsync("/", new RangeOptions(Revision: 2), None));
    }

    [Fact]
    public async Task Range_below_the_compacted_revision_throws_compacted()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.CompactAsync(4, None);

        // The failure arrives through the task, like any storage outcome, not as a synchronous throw.
        var reading = Store.RangeAsync("/c/", new RangeOptions(Revision: 3), None);
        var error = await Assert.ThrowsAsync<CompactedException>(() => reading);
        Assert.Equal(4, error.CompactedRevision);
    }

    [Fact]
    public async Task Range_at_the_compacted_revision_still_succeeds()
    {
        var a = await Store.CreateAsync("/c/a", Bytes("a1"), None);
        await Store.CreateAsync("/c/b", Bytes("b1"), None);
        await Store.UpdateAsync("/c/a", Bytes("a2"), a.Revision, None);   // 3
        await Store.UpdateAsync("/c/a", Bytes("a3"), 3, None);             // 4
        await Store.DeleteAsync("/c/b", 0, None);                          // 5

        await Store.CompactAsync(3, None);
        var atCompaction = await Store.RangeAsync("/c/", new RangeOptions(Revision: 3), None);

        Assert.Equal([("/c/a", "a2"), ("/c/b", "b1")], atCompaction.Items.Select(kv => (kv.Key, Text(kv))));
    }

    // ---- watch -----------------------------------------------------------------------------------

    [Fact]
    public async Task Watch_from_a_past_revision_replays_history_then_live_events()
    {
        await Store.CreateAsync("/w/a", Bytes("1"), None);
        await Store.CreateAsync("/w/b", Bytes("1"), None);
        await Store.UpdateAsync("/w/a", Bytes("2"), 1, None);

        // The watch registers before the delete is written: revisions 2-3 come from history, 4 arrives live.
        var watching = TakeAsync(Store, "/w/", 1, 3);
        await Store.DeleteAsync("/w/b", 0, None);
        var events = await watching;

        Assert.Equal([2L, 3, 4], events.Select(e => e.Revision));
        Assert.Equal(
            [(WatchEventType.Create, "/w/b"), (WatchEventType.Update, "/w/a"), (WatchEventType.Delete, "/w/b")],
            events.Select(e => (e.Type, e.Kv.Key)));
    }

    [Fact]
    public async Task Watch_from_the_current_revision_sees_only_later_changes()
    {
        await Store.CreateAsync("/w/a", Bytes("1"), None);
        var current = await Store.GetCurrentRevisionAsync(None);

        var watching = TakeAsync(Store, "/w/", current, 1);
        await Store.CreateAsync("/w/b", Bytes("1"), None);
        var events = await watching;

        var e = Assert.Single(events);
        Assert.Equal(("/w/b", 2L, WatchEventType.Create), (e.Kv.Key, e.Revision, e.Type));
        Assert.Null(e.PrevKv);
    }

    [Fact]
    public async Task Watch_filters_events_by_prefix()
    {
        await Store.CreateAsync("/x/b/1", Bytes("in"), None);
        await Store.CreateAsync("/x/bc/1", Bytes("out"), None);
        await Store.CreateAsync("/y/b/1", Bytes("out"), None);

        var watching = TakeAsync(Store, "/x/b/", 0, 3);
        await Store.CreateAsync("/x/bc/2", Bytes("out"), None);
        await Store.CreateAsync("/x/b/2", Bytes("in"), None);
        await Store.CreateAsync("/x/b2", Bytes("out"), None);
        await Store.DeleteAsync("/x/b/1", 0, None);
        var events = await watching;

        Assert.Equal(["/x/b/1", "/x/b/2", "/x/b/1"], events.Select(e => e.Kv.Key));
        Assert.Equal([1L, 5, 7], events.Select(e => e.Revision));
    }

    [Fact]
    public async Task Watch_update_event_carries_the_previous_pair()
    {
        await Store.CreateAsync("/w/a", Bytes("1"), None);
        await Store.UpdateAsync("/w/a", Bytes("2"), 1, None);

        var events = await TakeAsync(Store, "/w/", 0, 2);

        var update = events[1];
        Assert.Equal(WatchEventType.Update, update.Type);
        Assert.Equal(("2", 1L, 2L), (Text(update.Kv), update.Kv.CreateRevision, update.Kv.ModRevision));
        Assert.Equal(("1", 1L, 1L), (Text(update.PrevKv!), update.PrevKv!.CreateRevision, update.PrevKv.ModRevision));
    }

    [Fact]
    public async Task Watch_delete_event_carries_the_last_value_and_the_previous_pair()
    {
        await Store.CreateAsync("/w/a", Bytes("1"), None);
        await Store.UpdateAsync("/w/a", Bytes("2"), 1, None);
        await Store.DeleteAsync("/w/a", 0, None);

        var events = await TakeAsync(Store, "/w/", 2, 1);

        var delete = Assert.Single(events);
        Assert.Equal(WatchEventType.Delete, delete.Type);
        Assert.Equal(3, delete.Revision);
        Assert.Equal(("/w/a", "2", 1L, 3L), (delete.Kv.Key, Text(delete.Kv), delete.Kv.CreateRevision, delete.Kv.ModRevision));
        Assert.Equal(("2", 1L, 2L), (Text(delete.PrevKv!), delete.PrevKv!.CreateRevision, delete.PrevKv.ModRevision));
    }

    [Fact]
    public async Task Watch_sees_every_change_exactly_once_in_order_under_concurrent_writes()
    {
        const int writers = 8;
        const int writesEach = 40;
        for (var i = 0; i < 20; i++)
        {
            await Store.CreateAsync($"/seed/{i}", Bytes("x"), None);
        }

        // Writers run while watchers start from past revisions, so each watcher's replay and its switch to
        // live events race with commits.
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < writesEach; i++)
            {
                var created = await Store.CreateAsync($"/seed/w{w}-{i}", Bytes("x"), None);
                Assert.True(created.Succeeded);
            }
        })).ToList();
        var total = 20 + (writers * writesEach);
        var watchers = new[] { 0L, 10, 20, 100 }.Select(after => (After: after, Events: Task.Run(() => TakeAsync(Store, "/seed/", after, total - (int)after)))).ToList();
        await Task.WhenAll(writing);

        foreach (var (after, events) in watchers)
        {
            var revisions = (await events).Select(e => e.Revision).ToList();
            Assert.Equal(Enumerable.Range((int)after + 1, total - (int)after).Select(r => (long)r), revisions);
        }
    }

    [Fact]
    public async Task Watch_below_the_compacted_revision_throws_compacted()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.CompactAsync(3, None);

        var error = await Assert.ThrowsAsync<CompactedException>(() => TakeAsync(Store, "/c/", 2, 1));
        Assert.Equal(3, error.CompactedRevision);
    }

    [Fact]
    public async Task Watch_from_the_compacted_revision_sees_the_changes_after_it()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.UpdateAsync("/c/0", Bytes("y"), 1, None);
        await Store.CompactAsync(3, None);

        var events = await TakeAsync(Store, "/c/", 3, 3);

        Assert.Equal([4L, 5, 6], events.Select(e => e.Revision));
        Assert.Equal("x", Text(events[2].PrevKv!));
        Assert.Equal(1, events[2].PrevKv!.ModRevision);
    }

    [Fact]
    public async Task Watch_ends_quietly_when_its_token_is_cancelled()
    {
        await Store.CreateAsync("/w/a", Bytes("1"), None);
        using var stop = new CancellationTokenSource();
        var received = new List<WatchEvent>();

        var watching = Task.Run(async () =>
        {
            await foreach (var e in Store.WatchAsync("/w/", 0, stop.Token))
            {
                received.Add(e);
                await stop.CancelAsync();
            }
        });

        await watching.WaitAsync(Deadline);
        Assert.Single(received);
    }

    [Fact]
    public async Task Closing_the_store_ends_active_watches()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var e in Store.WatchAsync("/w/", 0, deadline.Token))
            {
                count++;
                started.TrySetResult();
            }

            return count;
        });
        await Store.CreateAsync("/w/a", Bytes("1"), None);
        await started.Task.WaitAsync(Deadline);

        await Store.DisposeAsync();

        Assert.Equal(1, await watching.WaitAsync(Deadline));
        Assert.False(deadline.IsCancellationRequested);
    }

    [Fact]
    public async Task List_then_watch_from_the_list_revision_misses_nothing()
    {
        await Store.CreateAsync("/l/a", Bytes("1"), None);
        await Store.CreateAsync("/l/b", Bytes("1"), None);

        var list = await Store.RangeAsync("/l/", RangeOptions.All, None);
        await Store.CreateAsync("/l/c", Bytes("1"), None);
        await Store.DeleteAsync("/l/a", 0, None);
        var events = await TakeAsync(Store, "/l/", list.Revision, 2);

        Assert.Equal([(WatchEventType.Create, "/l/c"), (WatchEventType.Delete, "/l/a")], events.Select(e => (e.Type, e.Kv.Key)));
    }

    // ---- compaction ------------------------------------------------------------------------------

    [Fact]
    public async Task Compaction_keeps_the_latest_value_of_every_key()
    {
        var a = await Store.CreateAsync("/c/a", Bytes("a1"), None);
        await Store.CreateAsync("/c/b", Bytes("b1"), None);
        await Store.UpdateAsync("/c/a", Bytes("a2"), a.Revision, None);
        await Store.CreateAsync("/c/gone", Bytes("x"), None);
        await Store.DeleteAsync("/c/gone", 0, None);

        await Store.CompactAsync(5, None);

        var all = await Store.RangeAsync("/c/", RangeOptions.All, None);
        Assert.Equal([("/c/a", "a2", 3L), ("/c/b", "b1", 2L)], all.Items.Select(kv => (kv.Key, Text(kv), kv.ModRevision)));
        var updated = await Store.UpdateAsync("/c/a", Bytes("a3"), 3, None);
        Assert.Equal(6, updated.Revision);
        Assert.Equal("a2", Text(updated.Previous!));
    }

    [Fact]
    public async Task Compaction_is_reported_and_repeating_it_is_harmless()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.CompactAsync(4, None);
        await Store.CompactAsync(4, None);
        await Store.CompactAsync(2, None);

        Assert.Equal(4, await Store.GetCompactedRevisionAsync(None));
        Assert.Equal(6, await Store.GetCurrentRevisionAsync(None));
        Assert.Equal(7, (await Store.CreateAsync("/c/next", Bytes("x"), None)).Revision);
    }

    [Fact]
    public async Task Compaction_beyond_the_current_revision_is_rejected()
    {
        await Store.CreateAsync("/c/a", Bytes("x"), None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.CompactAsync(2, None));
        Assert.Equal(0, await Store.GetCompactedRevisionAsync(None));
    }

    // ---- concurrency -----------------------------------------------------------------------------

    [Fact]
    public async Task Sixty_four_concurrent_writers_all_succeed_with_distinct_revisions()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => Store.CreateAsync($"/many/{i:D2}", Bytes($"{i}"), None))));

        Assert.All(results, r => Assert.Equal(WriteOutcome.Ok, r.Outcome));
        Assert.Equal(Enumerable.Range(1, 64).Select(r => (long)r), results.Select(r => r.Revision).Order());
        Assert.Equal(64, await Store.GetCurrentRevisionAsync(None));
        var all = await Store.RangeAsync("/many/", RangeOptions.All, None);
        Assert.Equal(64, all.Items.Count);
        Assert.All(results, r => Assert.Equal(r.Revision, all.Items.Single(kv => kv.Key == r.Current!.Key).ModRevision));
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_updates_let_exactly_one_win_per_revision()
    {
        const int workers = 8;
        const int incrementsEach = 15;
        await Store.CreateAsync("/counter", Bytes("0"), None);
        var wins = new ConcurrentBag<(long Expected, long Revision)>();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsEach;)
            {
                var current = (await Store.GetAsync("/counter", None))!;
                var next = (int.Parse(Text(current), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var result = await Store.UpdateAsync("/counter", Bytes(next), current.ModRevision, None);
                if (result.Succeeded)
                {
                    wins.Add((current.ModRevision, result.Revision));
                    done++;
                }
                else
                {
                    Assert.Equal(WriteOutcome.Conflict, result.Outcome);
                    Assert.NotEqual(current.ModRevision, result.Current!.ModRevision);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        // The winners form one chain: each won from the revision the previous winner wrote.
        var chain = wins.OrderBy(w => w.Revision).ToList();
        Assert.Equal(workers * incrementsEach, chain.Count);
        Assert.Equal(chain.Count, chain.Select(w => w.Expected).Distinct().Count());
        for (var i = 0; i < chain.Count; i++)
        {
            Assert.Equal(i == 0 ? 1 : chain[i - 1].Revision, chain[i].Expected);
            Assert.Equal(i + 2, chain[i].Revision);
        }

        Assert.Equal($"{workers * incrementsEach}", Text((await Store.GetAsync("/counter", None))!));
    }

    /// <summary>Shared by backends that drop slow watchers: a watcher that never reads is dropped with WatchLaggedException.</summary>
    protected static async Task AssertSlowWatcherIsDroppedAsync(IStore store, int queueCapacity)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var deadline = new CancellationTokenSource(Deadline);
        await using var watch = store.WatchAsync("/slow/", 0, deadline.Token).GetAsyncEnumerator(deadline.Token);

        // Start the watch (it registers on the first read) and take one event, then stop reading.
        var first = watch.MoveNextAsync().AsTask();
        await store.CreateAsync("/slow/0", Bytes("x"), CancellationToken.None);
        Assert.True(await first);
        // Revisions 2 .. capacity+1 fill the queue and capacity+2 overflows it. The last write completes only
        // after the write before it was published (the SQLite writer publishes a batch before taking the next).
        for (var i = 1; i <= queueCapacity + 2; i++)
        {
            await store.CreateAsync($"/slow/{i}", Bytes("x"), CancellationToken.None);
        }

        // The queued events are still delivered, then the stream fails.
        var delivered = 1;
        var error = await Assert.ThrowsAsync<WatchLaggedException>(async () =>
        {
            while (await watch.MoveNextAsync())
            {
                delivered++;
            }
        });
        Assert.NotNull(error);
        Assert.Equal(1 + queueCapacity, delivered);
    }
}
