using System.Threading.Channels;

namespace Stowage.Storage.Watching;

/// <summary>
/// One watcher registered with a <see cref="WatchFanout"/>: the events to replay first and the channel of
/// live events that follows them. Dispose to unregister.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly WatchFanout _fanout;
    private readonly Channel<WatchEvent> _channel;

    internal WatchSubscription(
        WatchFanout fanout, string prefix, long afterRevision, long liveFrom, IReadOnlyList<WatchEvent>? replay, Channel<WatchEvent> channel)
    {
        _fanout = fanout;
        Prefix = prefix;
        AfterRevision = afterRevision;
        LiveFrom = liveFrom;
        Replay = replay;
        _channel = channel;
    }

    /// <summary>The key prefix watched.</summary>
    public string Prefix { get; }

    /// <summary>The watcher wants changes above this revision.</summary>
    public long AfterRevision { get; }

    /// <summary>The live channel carries exactly the matching changes above this revision.</summary>
    public long LiveFrom { get; }

    /// <summary>
    /// The matching changes in <c>(AfterRevision, LiveFrom]</c> taken from the in-memory ring, or null when the
    /// ring did not reach back far enough and the backend must read them from its history.
    /// </summary>
    public IReadOnlyList<WatchEvent>? Replay { get; }

    /// <summary>Live events; completes normally when the store closes, or with <see cref="WatchLaggedException"/>.</summary>
    public ChannelReader<WatchEvent> Live => _channel.Reader;

    /// <inheritdoc />
    public void Dispose()
    {
        _fanout.Remove(this);
        _channel.Writer.TryComplete();
    }

    internal bool TryQueue(WatchEvent e) => _channel.Writer.TryWrite(e);

    internal void CompleteQueue(Exception? error) => _channel.Writer.TryComplete(error);
}
