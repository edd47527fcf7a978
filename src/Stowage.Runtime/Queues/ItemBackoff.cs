using System.Collections.Concurrent;

namespace Stowage.Runtime.Queues;

/// <summary>Per-item exponential back-off (client-go's ItemExponentialFailureRateLimiter): base·2^failures, capped.</summary>
/// <typeparam name="T">The item.</typeparam>
public sealed class ItemBackoff<T>
    where T : notnull
{
    private readonly ConcurrentDictionary<T, int> _failures = new();
    private readonly TimeSpan _base;
    private readonly TimeSpan _max;

    /// <summary>Creates the back-off.</summary>
    public ItemBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _base = baseDelay;
        _max = maxDelay;
    }

    /// <summary>The delay before the next retry of an item (and counts the failure).</summary>
    public TimeSpan Next(T item)
    {
        var failures = _failures.AddOrUpdate(item, 1, (_, n) => n + 1);
        var exponent = Math.Min(failures - 1, 40);
        var ticks = _base.Ticks * Math.Pow(2, exponent);
        return ticks >= _max.Ticks ? _max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Failures in a row.</summary>
    public int Failures(T item) => _failures.TryGetValue(item, out var n) ? n : 0;

    /// <summary>Resets an item.</summary>
    public void Forget(T item) => _failures.TryRemove(item, out _);
}
