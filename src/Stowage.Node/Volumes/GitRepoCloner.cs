using Stowage.Api.Core;

namespace Stowage.Node.Volumes;

/// <summary>
/// gitRepo volumes, as kubelet's git_repo plugin: an empty directory, <c>git clone -- REPO [DIR]</c>
/// run inside it, then with a revision <c>git checkout REV</c> and <c>git reset --hard</c> in the
/// clone (the volume root when directory is ".", else the one directory the clone made). It is
/// cloned once: a "ready" marker in the pod's plugin directory records success, so later syncs keep
/// the checkout (and what the pod changed in it), like kubelet.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class GitRepoCloner
{
    /// <summary>kubelet's validateVolume: no argument may look like a flag; with a revision, directory is one element.</summary>
    public static void Validate(GitRepoVolumeSource source)
    {
        ValidateNonFlag(source.Repository, "repository");
        ValidateNonFlag(source.Revision ?? "", "revision");
        ValidateNonFlag(source.Directory ?? "", "directory");
        if (!string.IsNullOrEmpty(source.Revision) && !string.IsNullOrEmpty(source.Directory))
        {
            var cleaned = string.Join('/', source.Directory.Split('/').Where(e => e.Length > 0 && e != "."));
            if (cleaned.Contains('/', StringComparison.Ordinal) || cleaned.Contains('\\', StringComparison.Ordinal))
            {
                throw new VolumeSetUpFailure($"\"{source.Directory}\" is not a valid directory, it must not contain a directory separator");
            }
        }
    }

    public static async Task CloneAsync(GitRepoVolumeSource source, string dir, string readyMarker, CancellationToken cancellationToken)
    {
        Validate(source);
        if (File.Exists(readyMarker))
        {
            return;
        }
        // A clone that failed half-way left files behind; kubelet would then fail for ever with
        // "already exists", so start from an empty directory each attempt.
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo d && d.LinkTarget is null)
            {
                d.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        List<string> args = ["clone", "--", source.Repository];
        if (!string.IsNullOrEmpty(source.Directory))
        {
            args.Add(source.Directory);
        }
        var (code, output) = await ToolRunner.RunAsync("git", args, dir, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new VolumeSetUpFailure($"failed to exec 'git {string.Join(' ', args)}': {output}: exit status {code}");
        }

        if (!string.IsNullOrEmpty(source.Revision))
        {
            var entries = new DirectoryInfo(dir).GetFileSystemInfos().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
            string subdir;
            if (!string.IsNullOrEmpty(source.Directory) && Path.TrimEndingDirectorySeparator(source.Directory.Trim()) is "." or "./")
            {
                subdir = dir;
            }
            else if (entries.Count == 1)
            {
                subdir = Path.Combine(dir, entries[0]);
            }
            else
            {
                throw new VolumeSetUpFailure($"unexpected directory contents: [{string.Join(' ', entries)}]");
            }
            (code, output) = await ToolRunner.RunAsync("git", ["checkout", source.Revision], subdir, cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                throw new VolumeSetUpFailure($"failed to exec 'git checkout {source.Revision}': {output}: exit status {code}");
            }
            (code, output) = await ToolRunner.RunAsync("git", ["reset", "--hard"], subdir, cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                throw new VolumeSetUpFailure($"failed to exec 'git reset --hard': {output}: exit status {code}");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(readyMarker)!);
        await File.WriteAllTextAsync(readyMarker, "", cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateNonFlag(string value, string name)
    {
        if (value.StartsWith('-'))
        {
            throw new VolumeSetUpFailure($"\"{value}\" is an invalid value for {name}");
        }
    }
}
