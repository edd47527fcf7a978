using System.Diagnostics;

namespace Stowage.Benchmarks;

/// <summary>
/// CPU time, allocation and collections of this process at one moment. Server and load generator run in the same
/// process, so a difference of two samples is what both cost together.
/// </summary>
internal readonly record struct ProcessUsage(long Timestamp, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static ProcessUsage Now() => new(
        Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: false),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>What happened since <paramref name="start"/>.</summary>
    public UsageDelta Since(ProcessUsage start) => new(
        Stopwatch.GetElapsedTime(start.Timestamp, Timestamp), Cpu - start.Cpu, AllocatedBytes - start.AllocatedBytes,
        Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2);
}
