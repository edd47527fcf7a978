using System.Globalization;
using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>What the kernel says, independently of the pool: mounts, loop devices, capabilities.</summary>
internal static class Kernel
{
    private static readonly CommandRunner Commands = new();

    /// <summary>Mount points at or below <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> MountsUnder(string directory) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(mountPoint => mountPoint == directory || mountPoint.StartsWith(directory + "/", StringComparison.Ordinal))
            .ToList();

    /// <summary>Loop devices (from <c>losetup -a</c>) whose backing file is at or below <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyList<string>> LoopDevicesUnderAsync(string directory)
    {
        if (CommandRunner.Find("losetup") is null)
        {
            return [];
        }
        var result = await Commands.RunAsync("losetup", ["--list", "--noheadings", "--output", "NAME,BACK-FILE"], CancellationToken.None);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == 2 && fields[1].StartsWith(directory + "/", StringComparison.Ordinal))
            .Select(fields => fields[0])
            .ToList();
    }

    /// <summary>Runs a command as a test step (a simulated reboot's umount, say); throws on failure.</summary>
    public static Task<CommandResult> RunAsync(string tool, params string[] arguments) =>
        Commands.RunAsync(tool, arguments, CancellationToken.None);

    /// <summary>
    /// Whether ext4 can grow while mounted here: the kernel's EXT4_IOC_RESIZE_FS requires
    /// CAP_SYS_RESOURCE (bit 24), which some sandboxes drop from the bounding set.
    /// </summary>
    public static bool CanGrowOnline()
    {
        var line = File.ReadAllLines("/proc/self/status").Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        var effective = ulong.Parse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (effective & (1UL << 24)) != 0;
    }
}
