using System.Diagnostics;

namespace Stowage.Benchmarks.Binding;

/// <summary>Nearest-rank percentiles of a set of Stopwatch tick intervals.</summary>
internal sealed class LatencySummary
{
    private readonly long[] _sorted;

    public LatencySummary(IEnumerable<long> ticks)
    {
        _sorted = ticks.Order().ToArray();
    }

    public int Count => _sorted.Length;

    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P90 => Percentile(0.90);

    public TimeSpan P99 => Percentile(0.99);

    public TimeSpan Max => Percentile(1.0);

    public TimeSpan Percentile(double p)
    {
        if (_sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }
        var rank = Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1);
        return Stopwatch.GetElapsedTime(0, _sorted[rank]);
    }

    /// <summary>"p50 / p90 / p99 / max" in milliseconds.</summary>
    public override string ToString() => $"{Ms(P50)} / {Ms(P90)} / {Ms(P99)} / {Ms(Max)} ms";

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "0.0" : "0", System.Globalization.CultureInfo.InvariantCulture);
}
