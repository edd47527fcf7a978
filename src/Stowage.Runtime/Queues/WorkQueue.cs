namespace Stowage.Runtime.Queues;

/// <summary>
/// client-go's rate-limited work queue. Invariants: an item is handed to at most one worker at a
/// time (the processing set); adding an item that is already waiting merges into one entry (the
/// dirty set); an item added while it is being processed is queued again when the worker calls
/// <see cref="Done"/>, so no change is ever lost. Retries back off per item and never give up.
/// </summary>
/// <typeparam name="T">The item (normally an object key).</typeparam>
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly ItemBackoff<T> _backoff;
    private readonly TimeProvider _clock;
    private readonly List<ITimer> _timers = [];
    private bool _shuttingDown;

    /// <summary>Creates a queue.</summary>
    public WorkQueue(TimeProvider clock, ItemBackoff<T>? backoff = null)
    {
        _clock = clock;
        _backoff = backoff ?? new ItemBackoff<T>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
    }

    /// <summary>Items waiting (not counting those being processed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Marks an item as needing processing.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(item))
            {
                return;
            }
            if (_processing.Contains(item))
            {
                return; // re-queued by Done
            }
            _queue.Enqueue(item);
        }
        _available.Release();
    }

    /// <summary>Adds an item after a delay.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }
            ITimer? timer = null;
            timer = _clock.CreateTimer(_ =>
            {
                Add(item);
                lock (_lock)
                {
                    _timers.Remove(timer!);
                }
                timer!.Dispose();
            }, null, delay, Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
        }
    }

    /// <summary>Adds an item after its back-off (exponential per item).</summary>
    public void AddRateLimited(T item) => AddAfter(item, _backoff.Next(item));

    /// <summary>Resets an item's back-off (after it succeeded).</summary>
    public void Forget(T item) => _backoff.Forget(item);

    /// <summary>How many times an item has failed in a row.</summary>
    public int Failures(T item) => _backoff.Failures(item);

    /// <summary>Waits for the next item; null once shut down.</summary>
    public async Task<(bool Ok, T Item)> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_queue.Count > 0)
                {
                    var item = _queue.Dequeue();
                    _processing.Add(item);
                    _dirty.Remove(item);
                    return (true, item);
                }
                if (_shuttingDown)
                {
                    _available.Release();
                    return (false, default!);
                }
            }
        }
    }

    /// <summary>Ends processing of an item; re-queues it if it was added meanwhile.</summary>
    public void Done(T item)
    {
        var requeue = false;
        lock (_lock)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item) && !_shuttingDown)
            {
                _queue.Enqueue(item);
                requeue = true;
            }
        }
        if (requeue)
        {
            _available.Release();
        }
    }

    /// <summary>Stops handing out items; waiting workers return.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }
            _timers.Clear();
        }
        _available.Release();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ShutDown();
        _available.Dispose();
    }
}
