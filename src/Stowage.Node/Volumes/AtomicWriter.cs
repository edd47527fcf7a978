using System.Globalization;

namespace Stowage.Node.Volumes;

/// <summary>
/// Writes a set of files into a volume directory so that a reader sees either all old or all new
/// files, never a mix — Kubernetes' AtomicWriter, with its layout:
/// <code>
/// &lt;dir&gt;/..2024_05_01_10_00_00.123456789/   the files of one version (0755)
/// &lt;dir&gt;/..data -> ..2024_05_01_10_00_00.123456789
/// &lt;dir&gt;/&lt;first path element&gt; -> ..data/&lt;first path element&gt;   what users see
/// </code>
/// A new version is written into a fresh timestamped directory, then a <c>..data_tmp</c> symlink to it
/// is renamed over <c>..data</c> (rename is atomic), then the user-visible links are added and the
/// ones no longer in the payload removed, then the old version is deleted. When the payload equals
/// what <c>..data</c> holds nothing is written, so calling it on every pod sync is cheap.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class AtomicWriter
{
    private const string DataDirName = "..data";
    private const string NewDataDirName = "..data_tmp";
    private const int MaxFileNameLength = 255;
    private const int MaxPathLength = 4096;
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    /// <summary>Writes <paramref name="payload"/> (relative path → file); returns true when something changed.</summary>
    /// <exception cref="ArgumentException">A path is invalid; the message is kubelet's.</exception>
    public static bool Write(string targetDir, IReadOnlyDictionary<string, FileProjection> payload, TimeProvider time)
    {
        var clean = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var (path, file) in payload)
        {
            ValidatePath(path);
            clean[Clean(path)] = file;
        }

        var dataLink = Path.Combine(targetDir, DataDirName);
        var oldTsName = new FileInfo(dataLink).LinkTarget;
        var oldTsDir = oldTsName is null ? null : Path.Combine(targetDir, oldTsName);
        var oldPaths = oldTsDir is not null && Directory.Exists(oldTsDir) ? ListFiles(oldTsDir) : [];
        var newVisible = clean.Keys.Select(FirstElement).ToHashSet(StringComparer.Ordinal);
        var removed = oldPaths.Select(FirstElement).Where(p => !newVisible.Contains(p)).Distinct().ToList();

        if (oldTsDir is not null && removed.Count == 0 && oldPaths.Count == clean.Count && SameFiles(oldTsDir, clean))
        {
            CreateVisibleLinks(targetDir, newVisible);
            return false;
        }

        var tsDir = CreateTimestampedDir(targetDir, time);
        foreach (var (path, file) in clean)
        {
            var full = Path.Combine(tsDir, path);
            var parent = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(parent))
            {
                Directory.CreateDirectory(parent, DirectoryMode);
            }
            File.WriteAllBytes(full, file.Data);
            File.SetUnixFileMode(full, (UnixFileMode)file.Mode);
        }

        var newLink = Path.Combine(targetDir, NewDataDirName);
        if (File.Exists(newLink) || new FileInfo(newLink).LinkTarget is not null)
        {
            File.Delete(newLink);
        }
        File.CreateSymbolicLink(newLink, Path.GetFileName(tsDir));
        VolumeLibc.Rename(newLink, dataLink);

        CreateVisibleLinks(targetDir, newVisible);
        foreach (var visible in removed)
        {
            var link = Path.Combine(targetDir, visible);
            if (new FileInfo(link).LinkTarget is not null)
            {
                File.Delete(link);
            }
        }
        if (oldTsDir is not null && Directory.Exists(oldTsDir))
        {
            Directory.Delete(oldTsDir, recursive: true);
        }
        return true;
    }

    /// <summary>Kubernetes' validatePath for payload paths.</summary>
    public static void ValidatePath(string targetPath)
    {
        if (targetPath.Length == 0)
        {
            throw new ArgumentException($"invalid path: must not be empty: \"{targetPath}\"");
        }
        if (targetPath.StartsWith('/'))
        {
            throw new ArgumentException($"invalid path: must be relative path: {targetPath}");
        }
        if (targetPath.Length > MaxPathLength)
        {
            throw new ArgumentException($"invalid path: must be less than or equal to {MaxPathLength} characters");
        }
        var items = targetPath.Split('/');
        foreach (var item in items)
        {
            if (item == "..")
            {
                throw new ArgumentException($"invalid path: must not contain '..': {targetPath}");
            }
            if (item.Length > MaxFileNameLength)
            {
                throw new ArgumentException($"invalid path: filenames must be less than or equal to {MaxFileNameLength} characters");
            }
        }
        if (items[0].StartsWith("..", StringComparison.Ordinal) && items[0].Length > 2)
        {
            throw new ArgumentException($"invalid path: must not start with '..': {targetPath}");
        }
    }

    // path.Clean for relative paths without "..": drops "." and empty elements.
    private static string Clean(string path) =>
        string.Join('/', path.Split('/').Where(e => e.Length > 0 && e != "."));

    private static string FirstElement(string path) => path.Split('/')[0];

    private static List<string> ListFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f))
            .ToList();

    private static bool SameFiles(string dir, Dictionary<string, FileProjection> payload)
    {
        foreach (var (path, file) in payload)
        {
            var full = Path.Combine(dir, path);
            if (!File.Exists(full)
                || (int)File.GetUnixFileMode(full) != file.Mode
                || !File.ReadAllBytes(full).AsSpan().SequenceEqual(file.Data))
            {
                return false;
            }
        }
        return true;
    }

    private static string CreateTimestampedDir(string targetDir, TimeProvider time)
    {
        // Kubernetes: os.MkdirTemp(dir, "..2006_01_02_15_04_05.") — the random suffix keeps two
        // writes within one second apart.
        var stamp = time.GetUtcNow().ToString("yyyy_MM_dd_HH_mm_ss", CultureInfo.InvariantCulture);
        while (true)
        {
            var candidate = Path.Combine(targetDir, $"..{stamp}.{Random.Shared.Next(0, 1_000_000_000):D9}");
            if (!Directory.Exists(candidate))
            {
                Directory.CreateDirectory(candidate);
                File.SetUnixFileMode(candidate, DirectoryMode);
                return candidate;
            }
        }
    }

    private static void CreateVisibleLinks(string targetDir, IEnumerable<string> visible)
    {
        foreach (var name in visible)
        {
            var link = Path.Combine(targetDir, name);
            if (new FileInfo(link).LinkTarget is null && !File.Exists(link) && !Directory.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine(DataDirName, name));
            }
        }
    }
}
