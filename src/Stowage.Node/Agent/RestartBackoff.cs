namespace Stowage.Node.Agent;

/// <summary>
/// kubelet's crash-loop back-off: 10s after the first failure, doubling, at most 5 minutes; a
/// container that ran 10 minutes without failing starts over.
/// </summary>
public static class RestartBackoff
{
    /// <summary>The first back-off.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);

    /// <summary>The longest back-off.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(5);

    /// <summary>The back-off before restart number <paramref name="restartCount"/> + 1.</summary>
    public static TimeSpan After(int restartCount, TimeSpan? lastRunTime = null)
    {
        if (lastRunTime is { } ran && ran >= TimeSpan.FromMinutes(10))
        {
            return TimeSpan.Zero;
        }
        var backoff = Initial;
        for (var i = 0; i < restartCount && backoff < Maximum; i++)
        {
            backoff *= 2;
        }
        return backoff < Maximum ? backoff : Maximum;
    }

    /// <summary>Kubernetes' text for it, e.g. <c>10s</c>, <c>2m40s</c>, <c>5m0s</c>.</summary>
    public static string Format(TimeSpan backoff)
    {
        var seconds = (long)backoff.TotalSeconds;
        return seconds < 60 ? $"{seconds}s" : $"{seconds / 60}m{seconds % 60}s";
    }
}
