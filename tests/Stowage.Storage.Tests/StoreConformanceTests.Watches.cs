using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

public abstract partial class StoreConformanceTests
{
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
}
