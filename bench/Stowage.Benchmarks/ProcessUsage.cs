using System.Diagnostics;

namespace Stowage.Benchmarks;

/// <summary>
/// CPU time, allocation and collections of this process at one moment. Server and load generator run in the same
/// process, so a difference of two samples is what both cost together.
/// </summary>
/// <remarks>
/// The machine's busy CPU time (from /proc/stat, where there is one) shows how much other processes took: on a
/// shared 2-core machine a concurrent build halves every figure.
/// </remarks>
internal readonly record struct ProcessUsage(long Timestamp, TimeSpan Cpu, TimeSpan? MachineBusy, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    // USER_HZ: the unit of /proc/stat on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    public static ProcessUsage Now() => new(
        Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, ReadMachineBusy(), GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>What happened since <paramref name="start"/>.</summary>
    public UsageDelta Since(ProcessUsage start) => new(
        Stopwatch.GetElapsedTime(start.Timestamp, Timestamp), Cpu - start.Cpu,
        MachineBusy - start.MachineBusy - (Cpu - start.Cpu), AllocatedBytes - start.AllocatedBytes,
        Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, GcPause - start.GcPause);

    /// <summary>CPU time all processes spent busy since boot (user, nice, system, irq, softirq, steal), or null.</summary>
    private static TimeSpan? ReadMachineBusy()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is not { Length: > 8 } || fields[0] != "cpu")
            {
                return null;
            }

            // cpu user nice system idle iowait irq softirq steal …
            long busy = 0;
            foreach (var i in (int[])[1, 2, 3, 6, 7, 8])
            {
                busy += long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
            }

            return TimeSpan.FromSeconds(busy / ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
