namespace Stowage.Benchmarks;

/// <summary>The CPU, allocation and collections between two <see cref="ProcessUsage"/> samples.</summary>
/// <param name="GcPause">How long the garbage collector kept this process's threads paused.</param>
/// <param name="OtherCpu">CPU time the rest of the machine used meanwhile, where known.</param>
internal readonly record struct UsageDelta(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan? OtherCpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    /// <summary>The share of the elapsed time the process's threads were paused for garbage collection.</summary>
    public double GcPauseShare => Elapsed > TimeSpan.Zero ? GcPause / Elapsed : 0;

    /// <summary>Average cores this process kept busy (CPU seconds per wall second).</summary>
    public double Cores => Elapsed > TimeSpan.Zero ? Cpu / Elapsed : 0;

    /// <summary>Average cores other processes kept busy, where known (never below zero: the two clocks differ in resolution).</summary>
    public double? OtherCores => OtherCpu is { } other && Elapsed > TimeSpan.Zero ? Math.Max(0, other / Elapsed) : null;
}
