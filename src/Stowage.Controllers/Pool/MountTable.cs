using System.Globalization;
using System.Text;

namespace Stowage.Controllers.Pool;

/// <summary>
/// The mounts of this process's mount namespace, read from <c>/proc/self/mountinfo</c> each time
/// (it is the kernel's truth, and cheap). Paths are compared after resolving symbolic links, which
/// is why the pool canonicalises its directory when it opens.
/// </summary>
internal sealed class MountTable
{
    private readonly IReadOnlyList<(string MountPoint, string Source)> _mounts;

    private MountTable(IReadOnlyList<(string MountPoint, string Source)> mounts) => _mounts = mounts;

    /// <summary>Reads the current mount table.</summary>
    public static async Task<MountTable> ReadAsync(CancellationToken cancellationToken)
    {
        var mounts = new List<(string, string)>();
        if (!File.Exists("/proc/self/mountinfo"))
        {
            return new MountTable(mounts);
        }
        foreach (var line in await File.ReadAllLinesAsync("/proc/self/mountinfo", cancellationToken).ConfigureAwait(false))
        {
            // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 2 >= fields.Length)
            {
                continue;
            }
            mounts.Add((Unescape(fields[4]), Unescape(fields[separator + 2])));
        }
        return new MountTable(mounts);
    }

    /// <summary>The source (device) of the topmost mount at <paramref name="mountPoint"/>, or null.</summary>
    public string? SourceAt(string mountPoint)
    {
        for (var i = _mounts.Count - 1; i >= 0; i--)
        {
            if (_mounts[i].MountPoint == mountPoint)
            {
                return _mounts[i].Source;
            }
        }
        return null;
    }

    /// <summary>True when something is mounted at <paramref name="mountPoint"/>.</summary>
    public bool IsMountPoint(string mountPoint) => SourceAt(mountPoint) is not null;

    /// <summary>Mount points strictly below <paramref name="directory"/>.</summary>
    public IEnumerable<string> MountsBelow(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return _mounts.Select(m => m.MountPoint).Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).Distinct();
    }

    /// <summary>Where <paramref name="device"/> is mounted in this namespace.</summary>
    public IEnumerable<string> MountPointsOf(string device) =>
        _mounts.Where(m => m.Source == device).Select(m => m.MountPoint);

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
