using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stowage.Node.Containers;

/// <summary>mount(2) and umount2(2) for the overlay rootfs, and the mount table to check what is left.</summary>
internal static partial class Mounts
{
    private const int MntDetach = 2;

    /// <summary>Mounts an overlay of <paramref name="lower"/> (read-only) and <paramref name="upper"/> on <paramref name="target"/>.</summary>
    public static void MountOverlay(string lower, string upper, string work, string target)
    {
        foreach (var dir in new[] { lower, upper, work })
        {
            // overlayfs splits its options on ',' and lowerdir on ':'; such paths cannot be expressed.
            if (dir.Contains(',', StringComparison.Ordinal) || dir.Contains(':', StringComparison.Ordinal))
            {
                throw new ContainerStartException($"cannot mount an overlay over \"{dir}\": the path holds ',' or ':'");
            }
        }
        if (mount("overlay", target, "overlay", 0, $"lowerdir={lower},upperdir={upper},workdir={work}") != 0)
        {
            var error = new Win32Exception(Marshal.GetLastPInvokeError());
            throw new ContainerStartException($"cannot mount the container's overlay root filesystem on {target}: {error.Message}", error);
        }
    }

    /// <summary>Unmounts everything at or below <paramref name="dir"/>, deepest first (lazily when busy).</summary>
    public static void UnmountAllUnder(string dir)
    {
        foreach (var target in Under(dir).OrderByDescending(t => t.Length))
        {
            if (umount2(target, 0) != 0 && umount2(target, MntDetach) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (Under(dir).Contains(target))
                {
                    throw new IOException($"cannot unmount {target}: {new Win32Exception(errno).Message}");
                }
            }
        }
    }

    /// <summary>Mount points at or below <paramref name="dir"/> in this process's mount namespace.</summary>
    public static IReadOnlyList<string> Under(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        var found = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": the 5th field, octal-escaped.
            var fields = line.Split(' ', 6);
            if (fields.Length < 5)
            {
                continue;
            }
            var target = Unescape(fields[4]);
            if (target == dir.TrimEnd('/') || target.StartsWith(prefix, StringComparison.Ordinal))
            {
                found.Add(target);
            }
        }
        return found;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var sb = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                sb.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(field[i]);
            }
        }
        return sb.ToString();
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string source, string target, string fstype, ulong flags, string data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);
}
