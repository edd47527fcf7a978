using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Node.Containers;
using Stowage.Runtime.Linux;

namespace Stowage.Node.Volumes;

/// <summary>
/// Sets up a pod's volumes on this node, turns its containers' volumeMounts into runtime mounts,
/// and tears the volumes down — kubelet's volume manager reduced to what one agent needs.
/// </summary>
/// <remarks>
/// <para>Layout (kubelet's): <c>pods/&lt;uid&gt;/volumes/&lt;plugin&gt;/&lt;volume name&gt;</c>, e.g.
/// <c>kubernetes.io~empty-dir/cache</c>; per-volume markers in <c>pods/&lt;uid&gt;/plugins/&lt;plugin&gt;/&lt;volume name&gt;</c>.
/// hostPath volumes (inline, or a claim's PV) are used in place: the runtime bind-mounts the host
/// path itself, and nothing is made under the pod. local PVs are bind-mounted into the pod's
/// directory as kubelet does, so usage and tear-down treat them like any other mount.</para>
/// <para>State: none in memory. Whether a volume is set up is read from the disk and
/// <c>/proc/self/mountinfo</c> on every call, so <see cref="SetUpAsync"/> is idempotent (a mounted
/// tmpfs stays mounted, a cloned repository is not cloned again, configMap/secret/downwardAPI/
/// projected files are rewritten atomically only when their content changed) and
/// <see cref="TearDownAsync"/> works after an agent restart.</para>
/// <para>Failures: a volume that cannot be set up throws <see cref="VolumeMountException"/> with
/// kubelet's reason and text (<c>MountVolume.SetUp failed for volume "config" : configmap "app-config" not found</c>).
/// Every volume of the pod is attempted first, so the ones that can be set up are ready; the
/// exception reports the first failure in spec order.</para>
/// </remarks>
public sealed partial class PodVolumeManager
{
    private const UnixFileMode WorldWritable = (UnixFileMode)0x1FF; // 0777, kubelet's emptyDir mode

    private readonly NodePaths _paths;
    private readonly IVolumeObjectSource _objects;
    private readonly ILogger<PodVolumeManager> _logger;
    private readonly TimeProvider _time;
    private readonly NodeResources _node;
    private readonly ProjectedFiles _files;

    /// <summary>Creates the manager.</summary>
    /// <param name="paths">The agent's directories.</param>
    /// <param name="objects">Where ConfigMaps, Secrets, claims, PVs and Endpoints are read.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="time">Clock for the atomic writer's version directories (default: system).</param>
    /// <param name="node">The node's allocatable resources (default: this machine's).</param>
    public PodVolumeManager(NodePaths paths, IVolumeObjectSource objects, ILogger<PodVolumeManager> logger, TimeProvider? time = null, NodeResources? node = null)
    {
        _paths = paths;
        _objects = objects;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _node = node ?? NodeResources.OfThisMachine(paths.Root);
        _files = new ProjectedFiles(objects, _node);
    }

    /// <summary>
    /// Sets up every volume of <paramref name="pod"/> that is not set up yet and refreshes the
    /// files of configMap, secret, downwardAPI and projected volumes. Call it on every sync.
    /// </summary>
    /// <exception cref="VolumeMountException">A volume could not be set up (reason FailedMount or FailedAttachVolume).</exception>
    public async Task<PodVolumes> SetUpAsync(Pod pod, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("pod volumes need Linux");
        }
        var uid = pod.Metadata.Uid;
        if (string.IsNullOrEmpty(uid))
        {
            throw new ArgumentException("the pod has no metadata.uid", nameof(pod));
        }
        var volumes = new Dictionary<string, PodVolume>(StringComparer.Ordinal);
        VolumeMountException? first = null;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            try
            {
                volumes[volume.Name] = await SetUpVolumeAsync(pod, uid, volume, cancellationToken).ConfigureAwait(false);
            }
            catch (VolumeSetUpFailure failure)
            {
                var error = Describe(volume.Name, failure);
                LogSetUpFailed(pod.Metadata.Namespace, pod.Metadata.Name, volume.Name, error.Message);
                first ??= error;
            }
        }
        return first is null ? new PodVolumes(pod, volumes) : throw first;
    }

    /// <summary>
    /// The runtime mounts for <paramref name="container"/>'s volumeMounts (in order), creating
    /// subPath directories as needed.
    /// </summary>
    /// <exception cref="VolumeMountException">A mount names an unknown volume or a bad subPath
    /// (reason CreateContainerConfigError, kubelet's texts).</exception>
    public static IReadOnlyList<ContainerMount> MountsFor(Container container, PodVolumes volumes)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("pod volumes need Linux");
        }
        return ContainerMounts.For(container, volumes);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private async Task<PodVolume> SetUpVolumeAsync(Pod pod, string uid, Volume volume, CancellationToken cancellationToken)
    {
        var name = volume.Name;
        if (volume.HostPath is { } hostPath)
        {
            HostPathCheck.Check(hostPath.Path, hostPath.Type);
            return new PodVolume(name, VolumePlugins.HostPath, hostPath.Path, ReadOnly: false);
        }
        if (volume.Secret is { } secret)
        {
            var dir = MemoryDir(pod, uid, VolumePlugins.Secret, name, null);
            Write(dir, await _files.SecretAsync(pod, secret, cancellationToken).ConfigureAwait(false));
            return new PodVolume(name, VolumePlugins.Secret, dir, ReadOnly: true);
        }
        if (volume.ConfigMap is { } configMap)
        {
            var dir = DiskDir(uid, VolumePlugins.ConfigMap, name);
            Write(dir, await _files.ConfigMapAsync(pod, configMap, cancellationToken).ConfigureAwait(false));
            return new PodVolume(name, VolumePlugins.ConfigMap, dir, ReadOnly: true);
        }
        if (volume.DownwardAPI is { } downwardApi)
        {
            var dir = MemoryDir(pod, uid, VolumePlugins.DownwardApi, name, null);
            Write(dir, _files.DownwardApi(pod, downwardApi));
            return new PodVolume(name, VolumePlugins.DownwardApi, dir, ReadOnly: true);
        }
        if (volume.Projected is { } projected)
        {
            var dir = MemoryDir(pod, uid, VolumePlugins.Projected, name, null);
            Write(dir, await _files.ProjectedAsync(pod, projected, cancellationToken).ConfigureAwait(false));
            return new PodVolume(name, VolumePlugins.Projected, dir, ReadOnly: true);
        }
        if (volume.GitRepo is { } gitRepo)
        {
            GitRepoCloner.Validate(gitRepo);
            var dir = DiskDir(uid, VolumePlugins.GitRepo, name);
            var ready = Path.Combine(PluginDir(uid, VolumePlugins.GitRepo, name), "ready");
            await GitRepoCloner.CloneAsync(gitRepo, dir, ready, cancellationToken).ConfigureAwait(false);
            return new PodVolume(name, VolumePlugins.GitRepo, dir, ReadOnly: false);
        }
        if (volume.Nfs is { } nfs)
        {
            var dir = DiskDir(uid, VolumePlugins.Nfs, name);
            await NetworkMounts.MountNfsAsync(nfs.Server, nfs.Path, nfs.ReadOnly == true, dir, cancellationToken).ConfigureAwait(false);
            return new PodVolume(name, VolumePlugins.Nfs, dir, nfs.ReadOnly == true);
        }
        if (volume.Glusterfs is { } gluster)
        {
            var dir = PodVolumeDir(uid, VolumePlugins.Glusterfs, name);
            Directory.CreateDirectory(dir);
            await NetworkMounts.MountGlusterfsAsync(_objects, pod.Metadata.Namespace ?? "", gluster.Endpoints, gluster.Path, gluster.ReadOnly == true, dir, cancellationToken).ConfigureAwait(false);
            return new PodVolume(name, VolumePlugins.Glusterfs, dir, gluster.ReadOnly == true);
        }
        if (volume.PersistentVolumeClaim is { } claim)
        {
            return await SetUpClaimAsync(pod, uid, name, claim.ClaimName, claim.ReadOnly == true, cancellationToken).ConfigureAwait(false);
        }
        if (volume.Ephemeral is not null)
        {
            // A generic ephemeral volume is the claim "<pod name>-<volume name>" that the
            // ephemeral-volume controller creates from the template; kubelet mounts it as a claim.
            return await SetUpClaimAsync(pod, uid, name, $"{pod.Metadata.Name}-{name}", readOnly: false, cancellationToken).ConfigureAwait(false);
        }
        if (UnsupportedSources.Of(volume) is { } unsupported)
        {
            throw unsupported;
        }
        // emptyDir, or no source at all (the API defaults that to emptyDir).
        var emptyDir = volume.EmptyDir ?? new EmptyDirVolumeSource();
        switch (emptyDir.Medium ?? "")
        {
            case "":
                return new PodVolume(name, VolumePlugins.EmptyDir, DiskDir(uid, VolumePlugins.EmptyDir, name), ReadOnly: false);
            case "Memory":
                var dir = MemoryDir(pod, uid, VolumePlugins.EmptyDir, name, emptyDir.SizeLimit?.Value);
                return new PodVolume(name, VolumePlugins.EmptyDir, dir, ReadOnly: false);
            default:
                throw new VolumeSetUpFailure($"emptyDir medium \"{emptyDir.Medium}\" is not supported on this node (hugepages are not configured)");
        }
    }

    private string PodVolumeDir(string uid, string plugin, string name) => Path.Combine(_paths.PodVolumes(uid), plugin, name);

    private string PluginDir(string uid, string plugin, string name) => Path.Combine(_paths.Pod(uid), "plugins", plugin, name);

    // A directory on the node's disk with kubelet's emptyDir mode (0777, not subject to umask).
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private string DiskDir(string uid, string plugin, string name)
    {
        var dir = PodVolumeDir(uid, plugin, name);
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, WorldWritable);
        }
        return dir;
    }

    /// <summary>
    /// A tmpfs at the volume's directory, mounted unless it already is. Its size is kubelet's:
    /// the sizeLimit if any, capped by the pod's memory limit (when every container has one) or
    /// else the node's allocatable memory.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private string MemoryDir(Pod pod, string uid, string plugin, string name, long? sizeLimit)
    {
        var dir = DiskDir(uid, plugin, name);
        var real = FileSystemCalls.TryRealPath(dir) ?? dir;
        if (MountPoints.IsMountPoint(real))
        {
            return dir;
        }
        var size = PodMemoryLimit(pod) ?? _node.MemoryBytes;
        if (sizeLimit is > 0 && (size <= 0 || sizeLimit < size))
        {
            size = sizeLimit.Value;
        }
        var options = size > 0 ? $"size={size}" : null;
        try
        {
            FileSystemCalls.Mount("tmpfs", real, "tmpfs", 0, options);
        }
        catch (IOException e)
        {
            var arguments = options is null ? $"-t tmpfs tmpfs {real}" : $"-t tmpfs -o {options} tmpfs {real}";
            throw new VolumeSetUpFailure($"mount failed: {e.Message}\nMounting command: mount\nMounting arguments: {arguments}", e);
        }
        return dir;
    }

    private static long? PodMemoryLimit(Pod pod)
    {
        long total = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            if (container.Resources?.Limits?.TryGetValue("memory", out var limit) != true)
            {
                return null;
            }
            total += limit.Value;
        }
        return total > 0 ? total : null;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private void Write(string dir, IReadOnlyDictionary<string, FileProjection> files)
    {
        try
        {
            AtomicWriter.Write(dir, files, _time);
        }
        catch (ArgumentException e)
        {
            throw new VolumeSetUpFailure(e.Message, e);
        }
    }

    private static VolumeMountException Describe(string volumeName, VolumeSetUpFailure failure) => failure.Stage switch
    {
        SetUpStage.NewMounter => new VolumeMountException("FailedMount",
            $"MountVolume.NewMounter initialization failed for volume \"{volumeName}\" : {failure.Message}", failure),
        SetUpStage.Populate => new VolumeMountException("FailedMount",
            $"Unable to attach or mount volumes: unmounted volumes=[{volumeName}], unattached volumes=[{volumeName}]: {failure.Message}", failure),
        SetUpStage.Attach => new VolumeMountException("FailedAttachVolume",
            $"AttachVolume.Attach failed for volume \"{volumeName}\" : {failure.Message}", failure),
        _ => new VolumeMountException("FailedMount",
            $"MountVolume.SetUp failed for volume \"{volumeName}\" : {failure.Message}", failure),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Namespace}/{Name}: volume {Volume} could not be set up: {Error}")]
    private partial void LogSetUpFailed(string? @namespace, string? name, string volume, string error);
}
