using System.Diagnostics;

namespace Stowage.Node.Images;

/// <summary>
/// Builds the built-in busybox image from the host's statically linked busybox: bin/busybox, one symlink per
/// applet, /etc/passwd and /etc/group with root, /tmp (1777), /root and the mount points runc needs.
/// Static linking matters: the image has no libc for a dynamic busybox to load.
/// </summary>
internal static class BuiltInBusybox
{
    public static readonly IReadOnlyList<string> Cmd = ["sh"];

    public static readonly IReadOnlyList<string> Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];

    /// <summary>Fills <paramref name="rootfs"/>.</summary>
    /// <exception cref="InvalidOperationException">The host has no static busybox at <paramref name="busybox"/>.</exception>
    public static async Task BuildAsync(string busybox, string rootfs, CancellationToken cancellationToken)
    {
        if (!File.Exists(busybox))
        {
            throw new InvalidOperationException(
                $"the built-in busybox image needs a statically linked busybox at {busybox}, and there is none (install it with: apt-get install busybox-static)");
        }
        if (!IsStaticElf(busybox))
        {
            throw new InvalidOperationException(
                $"{busybox} is dynamically linked, so it cannot run alone in an image; install a static one (apt-get install busybox-static)");
        }
        var applets = await ListAppletsAsync(busybox, cancellationToken).ConfigureAwait(false);
        var bin = Path.Combine(rootfs, "bin");
        Directory.CreateDirectory(bin);
        File.Copy(busybox, Path.Combine(bin, "busybox"));
        LayerApplier.SetMode(Path.Combine(bin, "busybox"), (UnixFileMode)0b111_101_101);
        foreach (var applet in applets.Where(a => a != "busybox" && !a.Contains('/', StringComparison.Ordinal)))
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }
        foreach (var dir in new[] { "etc", "proc", "sys", "dev", "root", "tmp", "var", "usr/bin", "usr/sbin", "sbin" })
        {
            Directory.CreateDirectory(Path.Combine(rootfs, dir));
        }
        LayerApplier.SetMode(Path.Combine(rootfs, "tmp"), (UnixFileMode)0b1_111_111_111);
        LayerApplier.SetMode(Path.Combine(rootfs, "root"), (UnixFileMode)0b111_000_000);
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "passwd"),
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "group"), "root:x:0:\nnobody:x:65534:\n", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ListAppletsAsync(string busybox, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(busybox, "--list") { UseShellExecute = false, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot run {busybox}");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new InvalidOperationException($"{busybox} --list failed with exit code {process.ExitCode}");
    }

    /// <summary>An ELF file without a PT_INTERP program header needs no dynamic loader.</summary>
    internal static bool IsStaticElf(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = new BinaryReader(stream);
        var ident = reader.ReadBytes(16);
        // 0x7f 'E' 'L' 'F', class 2 (64-bit), data 1 (little-endian): the hosts the agent runs on.
        if (ident.Length < 16 || ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F' || ident[4] != 2 || ident[5] != 1)
        {
            return false;
        }
        stream.Position = 0x20;
        var phoff = reader.ReadInt64();
        stream.Position = 0x36;
        var phentsize = reader.ReadUInt16();
        var phnum = reader.ReadUInt16();
        for (var i = 0; i < phnum; i++)
        {
            stream.Position = phoff + (i * phentsize);
            if (reader.ReadUInt32() == 3)
            {
                return false;
            }
        }
        return true;
    }
}
