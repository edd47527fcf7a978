using Stowage.Runtime.Linux;

namespace Stowage.Node.Volumes;

/// <summary>
/// What the node offers, for the downward API's unset limits and for the size of memory-backed
/// volumes without a sizeLimit (kubelet uses the node's allocatable memory).
/// </summary>
/// <param name="CpuCores">Allocatable CPUs.</param>
/// <param name="MemoryBytes">Allocatable memory.</param>
/// <param name="EphemeralStorageBytes">Allocatable ephemeral storage.</param>
public sealed record NodeResources(long CpuCores, long MemoryBytes, long EphemeralStorageBytes)
{
    /// <summary>This machine: its processors, MemTotal from /proc/meminfo and the size of the filesystem holding <paramref name="root"/>.</summary>
    public static NodeResources OfThisMachine(string root)
    {
        long memory = 0;
        if (File.Exists("/proc/meminfo"))
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
            if (long.TryParse(kib, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                memory = value * 1024;
            }
        }
        long storage = 0;
        if (!OperatingSystem.IsLinux())
        {
            return new NodeResources(Environment.ProcessorCount, memory, storage);
        }
        try
        {
            var probe = root;
            while (!Directory.Exists(probe) && Path.GetDirectoryName(probe) is { } parent)
            {
                probe = parent;
            }
            var stat = FileSystemCalls.StatFileSystem(probe);
            storage = (long)(stat.Blocks * stat.FragmentSize);
        }
        catch (IOException)
        {
            // Unknown: limits.ephemeral-storage then reads 0 rather than failing the volume.
        }
        return new NodeResources(Environment.ProcessorCount, memory, storage);
    }
}
