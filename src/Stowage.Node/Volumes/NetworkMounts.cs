using Stowage.Api.Core;
using Stowage.Runtime.Linux;

namespace Stowage.Node.Volumes;

/// <summary>
/// nfs and glusterfs mounts into the pod's volume directory with mount(8) and its helpers. Before
/// mounting, each checks that this node can mount the type at all and, when not, fails with a
/// message that says why (a kernel without an NFS client, a node without the glusterfs client),
/// never leaving an empty directory in the volume's place.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class NetworkMounts
{
    /// <summary>True when <c>/proc/filesystems</c> lists <paramref name="type"/>.</summary>
    public static bool KernelSupports(string type) =>
        File.Exists("/proc/filesystems")
        && File.ReadLines("/proc/filesystems").Any(l => l.Split('\t', ' ').LastOrDefault() == type);

    public static async Task MountNfsAsync(string server, string exportPath, bool readOnly, string dir, CancellationToken cancellationToken)
    {
        if (!KernelSupports("nfs") && !KernelSupports("nfs4"))
        {
            throw new VolumeSetUpFailure(
                "mount failed: this node's kernel has no NFS client (\"nfs\" is not in /proc/filesystems); use a node with NFS support");
        }
        if (IsMounted(dir))
        {
            return;
        }
        List<string> args = ["-t", "nfs"];
        if (readOnly)
        {
            args.AddRange(["-o", "ro"]);
        }
        args.AddRange([$"{server}:{exportPath}", dir]);
        var (code, output) = await ToolRunner.RunAsync("mount", args, null, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new VolumeSetUpFailure(MountFailed(code, args, output));
        }
    }

    /// <summary>
    /// Mounts the Gluster volume from the first server that answers, naming the others as
    /// <c>backup-volfile-servers</c> as kubelet's glusterfs plugin did.
    /// </summary>
    public static async Task MountGlusterfsAsync(
        IVolumeObjectSource objects, string endpointsNamespace, string endpointsName, string volumePath, bool readOnly, string dir,
        CancellationToken cancellationToken)
    {
        var endpoints = await objects.GetEndpointsAsync(endpointsNamespace, endpointsName, cancellationToken).ConfigureAwait(false)
            ?? throw new VolumeSetUpFailure($"endpoints \"{endpointsName}\" not found", SetUpStage.NewMounter);
        var addresses = (endpoints.Subsets ?? [])
            .SelectMany(s => s.Addresses ?? [])
            .Select(a => a.Ip)
            .Where(ip => ip.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (addresses.Count == 0)
        {
            throw new VolumeSetUpFailure($"glusterfs: endpoints \"{endpointsName}\" in namespace \"{endpointsNamespace}\" has no addresses");
        }
        if (ToolRunner.Find("mount.glusterfs") is null)
        {
            throw new VolumeSetUpFailure(
                "glusterfs: the glusterfs client is not installed on this node (mount.glusterfs not found; install the glusterfs-client package)");
        }
        if (!KernelSupports("fuse"))
        {
            throw new VolumeSetUpFailure("glusterfs: this node's kernel has no FUSE support (\"fuse\" is not in /proc/filesystems)");
        }
        if (IsMounted(dir))
        {
            return;
        }
        var failure = "";
        foreach (var address in addresses)
        {
            var options = new List<string>();
            if (readOnly)
            {
                options.Add("ro");
            }
            options.Add("log-level=ERROR");
            var backups = addresses.Where(a => a != address).ToList();
            if (backups.Count > 0)
            {
                options.Add("backup-volfile-servers=" + string.Join(':', backups));
            }
            List<string> args = ["-t", "glusterfs", "-o", string.Join(',', options), $"{address}:{volumePath}", dir];
            var (code, output) = await ToolRunner.RunAsync("mount", args, null, cancellationToken).ConfigureAwait(false);
            if (code == 0)
            {
                return;
            }
            failure = MountFailed(code, args, output);
        }
        throw new VolumeSetUpFailure(failure);
    }

    private static bool IsMounted(string dir) => FileSystemCalls.TryRealPath(dir) is { } real && MountPoints.IsMountPoint(real);

    // The shape of kubelet's mount errors (mount-utils' MountError).
    private static string MountFailed(int code, IReadOnlyList<string> args, string output) =>
        $"mount failed: exit status {code}\nMounting command: mount\nMounting arguments: {string.Join(' ', args)}\nOutput: {output}";
}
