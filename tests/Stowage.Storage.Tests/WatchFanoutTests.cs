using Stowage.Storage;
using Stowage.Storage.Watching;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

/// <summary>The ring and fan-out that the SQLite and in-memory stores share.</summary>
public sealed class WatchFanoutTests
{
    [Fact]
    public void Subscription_inside_the_ring_replays_from_memory_and_filters_by_prefix()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 0, compactedRevision: 0);
        fanout.Publish(Events(1, 6, i => i % 2 == 0 ? "/a/" : "/b/"));

        using var subscription = fanout.Subscribe("/a/", afterRevision: 2);

        Assert.Equal(6, subscription.LiveFrom);
        Assert.Equal([4L, 6], subscription.Replay!.Select(e => e.Revision));
    }

    [Fact]
    public void Subscription_before_the_ring_asks_the_backend_for_history()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 0, compactedRevision: 0);
        fanout.Publish(Events(1, 6, _ => "/a/"));

        using var subscription = fanout.Subscribe("/a/", afterRevision: 1);

        Assert.Null(subscription.Replay);
        Assert.Equal(6, subscription.LiveFrom);
    }

    [Fact]
    public void Live_channel_carries_only_events_after_the_subscription()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 0, compactedRevision: 0);
        fanout.Publish(Events(1, 2, _ => "/a/"));
        using var subscription = fanout.Subscribe("/a/", afterRevision: 0);

        fanout.Publish(Events(3, 4, _ => "/a/"));

        Assert.True(subscription.Live.TryRead(out var first));
        Assert.True(subscription.Live.TryRead(out var second));
        Assert.False(subscription.Live.TryRead(out _));
        Assert.Equal((3L, 4L), (first.Revision, second.Revision));
    }

    [Fact]
    public void Publishing_with_a_gap_is_refused()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 5, compactedRevision: 0);

        Assert.Throws<InvalidOperationException>(() => fanout.Publish(Events(7, 7, _ => "/a/")));
        Assert.Equal(5, fanout.PublishedRevision);
    }

    [Fact]
    public void Subscribing_below_the_compacted_revision_throws_compacted()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 10, compactedRevision: 0);
        fanout.SetCompacted(8);

        Assert.Throws<CompactedException>(() => fanout.Subscribe("/a/", afterRevision: 7));
        using var atCompaction = fanout.Subscribe("/a/", afterRevision: 8);
    }

    [Fact]
    public async Task Completing_ends_live_channels_and_refuses_new_subscriptions()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 0, compactedRevision: 0);
        using var subscription = fanout.Subscribe("/a/", afterRevision: 0);

        fanout.Complete();

        Assert.False(await subscription.Live.WaitToReadAsync().AsTask().WaitAsync(Deadline));
        Assert.Equal(0, fanout.SubscriberCount);
        Assert.Throws<ObjectDisposedException>(() => fanout.Subscribe("/a/", afterRevision: 0));
    }

    [Fact]
    public void Disposing_a_subscription_unregisters_it()
    {
        var fanout = new WatchFanout(ringCapacity: 4, queueCapacity: 16, publishedRevision: 0, compactedRevision: 0);
        var subscription = fanout.Subscribe("/a/", afterRevision: 0);

        subscription.Dispose();

        Assert.Equal(0, fanout.SubscriberCount);
    }

    private static List<WatchEvent> Events(long from, long through, Func<long, string> prefixOf)
    {
        var events = new List<WatchEvent>();
        for (var r = from; r <= through; r++)
        {
            events.Add(new WatchEvent(WatchEventType.Create, new KeyValue($"{prefixOf(r)}{r}", Bytes("x"), r, r), null));
        }

        return events;
    }
}
