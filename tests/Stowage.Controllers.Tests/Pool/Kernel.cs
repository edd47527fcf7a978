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

    /// <summary>
    /// The loop devices still backed by files under <paramref name="directory"/> once those being
    /// detached are gone, waiting up to ten seconds. A detach is deferred by the kernel while anyone
    /// else has the device open — for example a mount namespace another process created (a
    /// container starting elsewhere on the machine copies every mount, this test's included, until
    /// it drops them) — so a device can outlive <c>losetup -d</c> by a moment.
    /// </summary>
    public static async Task<IReadOnlyList<string>> LoopDevicesLeftUnderAsync(string directory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var devices = await LoopDevicesUnderAsync(directory);
            if (devices.Count == 0 || DateTime.UtcNow > deadline)
            {
                return devices;
            }
            await Task.Delay(20);
        }
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

    /// <summary>
    /// A process in a mount namespace of its own, holding a copy of every mount there is now — as a
    /// container being created does until it pivots into its root. Killing it lets them go.
    /// </summary>
    public static async Task<System.Diagnostics.Process> HoldMountsInNewNamespaceAsync()
    {
        var holder = System.Diagnostics.Process.Start("unshare", ["--mount", "--propagation", "private", "sleep", "60"]);
        var ours = new FileInfo("/proc/self/ns/mnt").LinkTarget;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(File.ReadAllText($"/proc/{holder.Id}/comm").Trim() == "sleep" && new FileInfo($"/proc/{holder.Id}/ns/mnt").LinkTarget != ours))
        {
            Assert.True(DateTime.UtcNow < deadline, "unshare never ran sleep in a mount namespace of its own");
            await Task.Delay(10);
        }
        return holder;
    }

    /// <summary>Kills and reaps a process of <see cref="HoldMountsInNewNamespaceAsync"/>.</summary>
    public static async Task LetGoAsync(System.Diagnostics.Process holder)
    {
        if (!holder.HasExited)
        {
            holder.Kill();
        }
        await holder.WaitForExitAsync();
    }
}
