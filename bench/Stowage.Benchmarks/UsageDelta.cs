namespace Stowage.Benchmarks;

/// <summary>The CPU, allocation and collections between two <see cref="ProcessUsage"/> samples.</summary>
internal readonly record struct UsageDelta(TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    /// <summary>Average cores busy (CPU seconds per wall second).</summary>
    public double Cores => Elapsed > TimeSpan.Zero ? Cpu / Elapsed : 0;
}
