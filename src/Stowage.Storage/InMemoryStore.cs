using System.Runtime.CompilerServices;
using Stowage.Storage.Watching;

namespace Stowage.Storage;

/// <summary>
/// An <see cref="IStore"/> held in memory, for tests of the layers above: the same revisions, preconditions,
/// past-revision reads, watch history and compaction as the durable backends, nothing written to disk.
/// </summary>
/// <remarks>
/// Every write runs under one lock, which also orders the publication of its event, so revisions and events
/// come out in the same order. <see cref="_history"/> holds every event above the compacted revision with no
/// gap, which makes both watch replay and past-revision reads (undo the events above the revision, newest
/// first) simple and exact.
/// </remarks>
public sealed class InMemoryStore : IStore
{
    private const int RingCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyValue> _values = new(StringComparer.Ordinal);
    private readonly List<WatchEvent> _history = [];
    private readonly WatchFanout _fanout;
    private long _revision;
    private long _compacted;
    private bool _disposed;

    /// <summary>Creates an empty store.</summary>
    /// <param name="watcherQueueCapacity">Events a watcher may have queued before it is dropped.</param>
    public InMemoryStore(int watcherQueueCapacity = WatchFanout.DefaultQueueCapacity)
    {
        _fanout = new WatchFanout(RingCapacity, watcherQueueCapacity, publishedRevision: 0, compactedRevision: 0);
    }

    /// <inheritdoc />
    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult(_revision);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> GetCompactedRevisionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult(_compacted);
        }
    }

    /// <inheritdoc />
    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<KeyValue?>(cancellationToken);
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            return Task.FromResult(_values.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WriteResult>(cancellationToken);
        }

        var copy = value.ToArray();
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_values.TryGetValue(key, out var current))
            {
                return Task.FromResult(new WriteResult(WriteOutcome.AlreadyExists, _revision, current));
            }

            var revision = _revision + 1;
            var kv = new KeyValue(key, copy, revision, revision);
            Commit(new WatchEvent(WatchEventType.Create, kv, null));
            return Task.FromResult(new WriteResult(WriteOutcome.Ok, revision, kv));
        }
    }

    /// <inheritdoc />
    public Task<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        StoreArguments.UpdateRevision(expectedModRevision);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WriteResult>(cancellationToken);
        }

        var copy = value.ToArray();
        lock (_gate)
        {
            ThrowIfDisposed();
            if (!_values.TryGetValue(key, out var current))
            {
                return Task.FromResult(new WriteResult(WriteOutcome.NotFound, _revision));
            }

            if (current.ModRevision != expectedModRevision)
            {
                return Task.FromResult(new WriteResult(WriteOutcome.Conflict, _revision, current));
            }

            var revision = _revision + 1;
            var kv = new KeyValue(key, copy, current.CreateRevision, revision);
            Commit(new WatchEvent(WatchEventType.Update, kv, current));
            return Task.FromResult(new WriteResult(WriteOutcome.Ok, revision, kv, current));
        }
    }

    /// <inheritdoc />
    public Task<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken)
    {
        StoreArguments.Key(key);
        StoreArguments.DeleteRevision(expectedModRevision);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WriteResult>(cancellationToken);
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            if (!_values.TryGetValue(key, out var current))
            {
                return Task.FromResult(new WriteResult(WriteOutcome.NotFound, _revision));
            }

            if (expectedModRevision != 0 && current.ModRevision != expectedModRevision)
            {
                return Task.FromResult(new WriteResult(WriteOutcome.Conflict, _revision, current));
            }

            var revision = _revision + 1;
            Commit(new WatchEvent(WatchEventType.Delete, current with { ModRevision = revision }, current));
            return Task.FromResult(new WriteResult(WriteOutcome.Ok, revision, null, current));
        }
    }

    /// <inheritdoc />
    public Task<RangeResult> RangeAsync(string prefix, RangeOptions options, CancellationToken cancellationToken)
    {
        StoreArguments.Prefix(prefix);
        StoreArguments.Range(options);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<RangeResult>(cancellationToken);
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            var revision = options.Revision == 0 ? _revision : options.Revision;
            if (revision > _revision)
            {
                return Task.FromException<RangeResult>(new ArgumentOutOfRangeException(
                    nameof(options), revision, $"revision {revision} is in the future (current revision {_revision})"));
            }

            if (revision < _compacted)
            {
                return Task.FromException<RangeResult>(new CompactedException(revision, _compacted));
            }

            var matches = revision == _revision ? Latest(prefix, options.StartAfterKey) : AtPast(prefix, options.StartAfterKey, revision);
            return Task.FromResult(Page(matches, options.Limit, revision));
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        StoreArguments.Prefix(prefix);
        StoreArguments.WatchRevision(afterRevision);
        return WatchCoreAsync(prefix, afterRevision, cancellationToken);
    }

    /// <inheritdoc />
    public Task CompactAsync(long revision, CancellationToken cancellationToken)
    {
        StoreArguments.CompactRevision(revision);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            if (revision > _revision)
            {
                return Task.FromException(new ArgumentOutOfRangeException(
                    nameof(revision), revision, $"revision {revision} is in the future (current revision {_revision})"));
            }

            if (revision <= _compacted)
            {
                return Task.CompletedTask;
            }

            // History is gap-free from _compacted + 1, so the events to drop are a prefix of the list.
            _history.RemoveRange(0, (int)(revision - _compacted));
            _compacted = revision;
            _fanout.SetCompacted(revision);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _fanout.Complete();
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<WatchEvent> WatchCoreAsync(
        string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WatchSubscription subscription;
        lock (_gate)
        {
            ThrowIfDisposed();
            subscription = _fanout.Subscribe(prefix, afterRevision);
        }

        await foreach (var e in WatchStream.ReadAsync(subscription, ReadHistoryAsync, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    private IAsyncEnumerable<WatchEvent> ReadHistoryAsync(string prefix, long afterRevision, long throughRevision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (afterRevision < _compacted)
            {
                throw new CompactedException(afterRevision + 1, _compacted);
            }

            var events = new List<WatchEvent>();
            for (var i = (int)(afterRevision - _compacted); i < _history.Count && _history[i].Revision <= throughRevision; i++)
            {
                if (_history[i].Kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    events.Add(_history[i]);
                }
            }

            return events.ToAsyncEnumerable();
        }
    }

    private void Commit(WatchEvent e)
    {
        _revision = e.Revision;
        if (e.Type == WatchEventType.Delete)
        {
            _keys.Remove(e.Kv.Key);
            _values.Remove(e.Kv.Key);
        }
        else
        {
            _keys.Add(e.Kv.Key);
            _values[e.Kv.Key] = e.Kv;
        }

        _history.Add(e);
        _fanout.Publish([e]);
    }

    private List<KeyValue> Latest(string prefix, string? startAfterKey)
    {
        var end = KeyPrefix.RangeEnd(prefix);
        var lower = startAfterKey is not null && string.CompareOrdinal(startAfterKey, prefix) > 0 ? startAfterKey : prefix;
        var result = new List<KeyValue>();
        if (string.CompareOrdinal(lower, end) >= 0)
        {
            return result;
        }

        foreach (var key in _keys.GetViewBetween(lower, end))
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && (startAfterKey is null || string.CompareOrdinal(key, startAfterKey) > 0))
            {
                result.Add(_values[key]);
            }
        }

        return result;
    }

    private List<KeyValue> AtPast(string prefix, string? startAfterKey, long revision)
    {
        // Start from the latest state and undo, newest first, every change above the revision.
        var state = new SortedDictionary<string, KeyValue>(StringComparer.Ordinal);
        foreach (var kv in Latest(prefix, startAfterKey))
        {
            state[kv.Key] = kv;
        }

        for (var i = _history.Count - 1; i >= 0 && _history[i].Revision > revision; i--)
        {
            var e = _history[i];
            var key = e.Kv.Key;
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || (startAfterKey is not null && string.CompareOrdinal(key, startAfterKey) <= 0))
            {
                continue;
            }

            if (e.Type == WatchEventType.Create)
            {
                state.Remove(key);
            }
            else
            {
                state[key] = e.PrevKv!;
            }
        }

        return [.. state.Values];
    }

    private static RangeResult Page(List<KeyValue> matches, int limit, long revision)
    {
        if (limit == 0 || matches.Count <= limit)
        {
            return new RangeResult(matches, revision, More: false, RemainingCount: 0);
        }

        return new RangeResult(matches.GetRange(0, limit), revision, More: true, RemainingCount: matches.Count - limit);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
