using System.Globalization;
using System.Text;

namespace Stowage.Node.Volumes;

/// <summary>
/// The mount points of this process's mount namespace, read from <c>/proc/self/mountinfo</c> on
/// every call: the kernel is the only record of what is mounted, which is what makes tear-down
/// correct after an agent restart without any state of its own.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class MountPoints
{
    /// <summary>Every mount point (mount target), in mount order; a path mounted over twice appears twice.</summary>
    public static IReadOnlyList<string> Read()
    {
        var mounts = new List<string>();
        if (!File.Exists("/proc/self/mountinfo"))
        {
            return mounts;
        }
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
            var fields = line.Split(' ');
            if (fields.Length >= 5)
            {
                mounts.Add(Unescape(fields[4]));
            }
        }
        return mounts;
    }

    /// <summary>True when <paramref name="path"/> (a real path) is a mount point.</summary>
    public static bool IsMountPoint(string path) => Read().Contains(path.TrimEnd('/'));

    /// <summary>Mount points at or below <paramref name="directory"/> (a real path), deepest first.</summary>
    public static IReadOnlyList<string> AtOrBelow(string directory)
    {
        var root = directory.TrimEnd('/');
        var prefix = root + "/";
        return Read()
            .Where(m => m == root || m.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(m => m.Count(c => c == '/'))
            .ThenByDescending(m => m.Length)
            .ToList();
    }

    // mountinfo escapes space, tab, newline and backslash as \040, \011, \012 and \134.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }
}
