using System.Threading.Channels;

namespace Stowage.Storage.Watching;

/// <summary>
/// Fans committed events out to watchers and keeps a ring of the most recent ones, so that a watcher
/// starting near the head replays from memory. A building block for backends that implement watch
/// themselves (SQLite, in-memory); thread-safe.
/// </summary>
/// <remarks>
/// Invariants:
/// <list type="bullet">
/// <item><see cref="Publish"/> receives every committed event exactly once, in revision order, with no gap
/// (every revision is exactly one event); publishers call it one at a time.</item>
/// <item><see cref="Subscribe"/> runs under the same lock as <see cref="Publish"/> and records the published
/// revision as <see cref="WatchSubscription.LiveFrom"/>: the subscription's channel receives exactly the
/// matching events above it, and the replay (from the ring, or from the backend's history) covers
/// <c>(AfterRevision, LiveFrom]</c>. Together they yield each change once, with no gap.</item>
/// <item>A subscriber whose channel is full is dropped: its channel completes with
/// <see cref="WatchLaggedException"/> after the events already queued, so publishing never waits for a reader.</item>
/// </list>
/// </remarks>
public sealed class WatchFanout
{
    /// <summary>Default number of recent events kept in memory.</summary>
    public const int DefaultRingCapacity = 10_000;

    /// <summary>Default number of events a watcher may have queued before it is dropped.</summary>
    public const int DefaultQueueCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly WatchEvent?[] _ring;
    private readonly int _queueCapacity;
    private readonly List<WatchSubscription> _subscribers = [];
    private int _ringStart;
    private int _ringCount;
    private long _published;
    private long _compacted;
    private bool _completed;

    /// <summary>Creates a fanout whose history so far ends at <paramref name="publishedRevision"/>.</summary>
    public WatchFanout(int ringCapacity, int queueCapacity, long publishedRevision, long compactedRevision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ringCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(publishedRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(compactedRevision);
        _ring = new WatchEvent?[ringCapacity];
        _queueCapacity = queueCapacity;
        _published = publishedRevision;
        _compacted = compactedRevision;
    }

    /// <summary>The revision of the last published event.</summary>
    public long PublishedRevision
    {
        get
        {
            lock (_gate)
            {
                return _published;
            }
        }
    }

    /// <summary>The number of live subscriptions.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// Appends committed events (in revision order, continuing the published revision without a gap)
    /// and queues each to the watchers whose prefix it matches.
    /// </summary>
    /// <returns>The number of watchers dropped because their queue was full.</returns>
    public int Publish(IReadOnlyList<WatchEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            var expected = _published;
            foreach (var e in events)
            {
                if (e.Revision != ++expected)
                {
                    throw new InvalidOperationException(
                        $"events must continue revision {_published} without a gap; got {e.Revision} where {expected} was due");
                }
            }

            foreach (var e in events)
            {
                AppendToRing(e);
            }

            _published = expected;
            var dropped = 0;
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                var subscriber = _subscribers[i];
                foreach (var e in events)
                {
                    if (e.Kv.Key.StartsWith(subscriber.Prefix, StringComparison.Ordinal) && !subscriber.TryQueue(e))
                    {
                        subscriber.CompleteQueue(new WatchLaggedException(
                            $"watcher on {subscriber.Prefix} fell more than {_queueCapacity} events behind at revision {e.Revision}"));
                        _subscribers.RemoveAt(i);
                        dropped++;
                        break;
                    }
                }
            }

            return dropped;
        }
    }

    /// <summary>Records that history at and below <paramref name="revision"/> is gone; later subscriptions below it fail.</summary>
    public void SetCompacted(long revision)
    {
        lock (_gate)
        {
            _compacted = Math.Max(_compacted, revision);
        }
    }

    /// <summary>
    /// Registers a watcher for changes under <paramref name="prefix"/> above <paramref name="afterRevision"/>.
    /// Dispose the subscription to unregister.
    /// </summary>
    /// <exception cref="CompactedException">The changes right after <paramref name="afterRevision"/> were compacted.</exception>
    /// <exception cref="ObjectDisposedException">The fanout was completed (the store is closing).</exception>
    public WatchSubscription Subscribe(string prefix, long afterRevision)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            if (afterRevision < _compacted)
            {
                throw new CompactedException(afterRevision + 1, _compacted);
            }

            List<WatchEvent>? replay = null;
            if (afterRevision >= _published)
            {
                replay = [];
            }
            else if (_ringCount > 0 && RingAt(0).Revision <= afterRevision + 1)
            {
                replay = [];
                var first = (int)(afterRevision + 1 - RingAt(0).Revision);
                for (var i = first; i < _ringCount; i++)
                {
                    var e = RingAt(i);
                    if (e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        replay.Add(e);
                    }
                }
            }

            var channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(_queueCapacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            var subscription = new WatchSubscription(this, prefix, afterRevision, _published, replay, channel);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Ends every subscription normally and refuses new ones (the store is closing).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var subscriber in _subscribers)
            {
                subscriber.CompleteQueue(null);
            }

            _subscribers.Clear();
        }
    }

    internal void Remove(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    private WatchEvent RingAt(int offset) => _ring[(_ringStart + offset) % _ring.Length]!;

    private void AppendToRing(WatchEvent e)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        if (_ringCount < _ring.Length)
        {
            _ring[(_ringStart + _ringCount) % _ring.Length] = e;
            _ringCount++;
        }
        else
        {
            _ring[_ringStart] = e;
            _ringStart = (_ringStart + 1) % _ring.Length;
        }
    }
}
