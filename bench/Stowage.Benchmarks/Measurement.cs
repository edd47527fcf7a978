using System.Diagnostics;
using System.Globalization;

namespace Stowage.Benchmarks;

/// <summary>The result of one benchmark case: operations, elapsed time and per-operation latencies.</summary>
internal sealed class Measurement
{
    private readonly List<long> _latencyTicks = [];

    public Measurement(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public long Operations { get; private set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Transactions committed, where known (the store's group commit count).</summary>
    public long? Transactions { get; set; }

    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public void Add(long startTimestamp, long endTimestamp, long operations = 1)
    {
        _latencyTicks.Add(endTimestamp - startTimestamp);
        Operations += operations;
    }

    public void Merge(Measurement other)
    {
        _latencyTicks.AddRange(other._latencyTicks);
        Operations += other.Operations;
    }

    public string Percentile(double p) =>
        PercentileMilliseconds(p) is { } ms ? ms.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    /// <summary>The latency at quantile <paramref name="p"/> (0..1) in milliseconds, or null without samples.</summary>
    public double? PercentileMilliseconds(double p)
    {
        if (_latencyTicks.Count == 0)
        {
            return null;
        }

        _latencyTicks.Sort();
        var index = Math.Min(_latencyTicks.Count - 1, (int)(_latencyTicks.Count * p));
        return _latencyTicks[index] * 1000.0 / Stopwatch.Frequency;
    }
}
