namespace Stowage.Controllers.Workloads;

/// <summary>
/// Creations and deletions a controller has asked for and not yet seen in its informer
/// (Kubernetes' ControllerExpectations): while any are outstanding the controller does not manage
/// replicas again, so a burst of events cannot make it create or delete twice. Expectations
/// expire after five minutes, in case an event was lost. Thread-safe.
/// </summary>
public sealed class ControllerExpectations
{
    /// <summary>How long unfulfilled expectations hold back a sync.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();

    /// <summary>Creates the tracker.</summary>
    public ControllerExpectations(TimeProvider clock) => _clock = clock;

    /// <summary>True when the controller may manage replicas of <paramref name="key"/>.</summary>
    public bool Satisfied(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var e))
            {
                return true;
            }
            return (e.Adds <= 0 && e.Deletes.Count == 0) || _clock.GetUtcNow() - e.Since > Timeout;
        }
    }

    /// <summary>Expects <paramref name="count"/> creations.</summary>
    public void ExpectCreations(string key, int count)
    {
        lock (_lock)
        {
            _entries[key] = new Entry(count, new HashSet<string>(StringComparer.Ordinal), _clock.GetUtcNow());
        }
    }

    /// <summary>Expects the deletion of these pods (namespace/name).</summary>
    public void ExpectDeletions(string key, IEnumerable<string> podKeys)
    {
        lock (_lock)
        {
            _entries[key] = new Entry(0, podKeys.ToHashSet(StringComparer.Ordinal), _clock.GetUtcNow());
        }
    }

    /// <summary>A creation was seen (or will never happen).</summary>
    public void CreationObserved(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var e))
            {
                _entries[key] = e with { Adds = e.Adds - 1 };
            }
        }
    }

    /// <summary>A deletion was seen (or will never happen).</summary>
    public void DeletionObserved(string key, string podKey)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var e))
            {
                e.Deletes.Remove(podKey);
            }
        }
    }

    /// <summary>Forgets a controller (it was deleted).</summary>
    public void Delete(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    private sealed record Entry(int Adds, HashSet<string> Deletes, DateTimeOffset Since);
}
