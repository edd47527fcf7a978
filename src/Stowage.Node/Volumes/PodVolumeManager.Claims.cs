using Stowage.Api.Core;
using Stowage.Runtime.Linux;

namespace Stowage.Node.Volumes;

// persistentVolumeClaim (and generic ephemeral) volumes: the claim, its PV, the PV's source.
public sealed partial class PodVolumeManager
{
    /// <summary>
    /// Resolves the claim as kubelet's desired-state populator does (its texts), then sets up the
    /// bound PV's source. Read-only when the pod's claim volume says readOnly, when the PV's source
    /// does, or when the claim or the PV allows only ReadOnlyMany — Kubernetes itself treats access
    /// modes as matching rules only and would mount such a volume writable; here a volume nobody
    /// may write is mounted so that nobody can.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private async Task<PodVolume> SetUpClaimAsync(Pod pod, string uid, string name, string claimName, bool readOnly, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace ?? "";
        var claim = await _objects.GetClaimAsync(ns, claimName, cancellationToken).ConfigureAwait(false)
            ?? throw Populate(ns, claimName, $"failed to fetch PVC from API server: persistentvolumeclaims \"{claimName}\" not found");
        if (claim.Metadata.DeletionTimestamp is not null)
        {
            throw Populate(ns, claimName, "PVC is being deleted");
        }
        if (claim.Status?.Phase != "Bound")
        {
            throw Populate(ns, claimName, $"PVC is not bound (phase {claim.Status?.Phase ?? "Pending"})");
        }
        var pvName = claim.Spec?.VolumeName;
        if (string.IsNullOrEmpty(pvName))
        {
            throw Populate(ns, claimName, "PVC has empty pvc.Spec.VolumeName");
        }
        var pv = await _objects.GetVolumeAsync(pvName, cancellationToken).ConfigureAwait(false)
            ?? throw Populate(ns, claimName, $"failed to fetch PV {pvName} from API server: persistentvolumes \"{pvName}\" not found");
        var spec = pv.Spec ?? new PersistentVolumeSpec();
        if (spec.ClaimRef is null)
        {
            throw Populate(ns, claimName, $"found PV object {pvName} but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim");
        }
        if (!string.IsNullOrEmpty(spec.ClaimRef.Uid) && !string.IsNullOrEmpty(claim.Metadata.Uid) && spec.ClaimRef.Uid != claim.Metadata.Uid)
        {
            throw Populate(ns, claimName, $"found PV object {pvName} but its pv.Spec.ClaimRef.UID {spec.ClaimRef.Uid} does not point to claim.UID {claim.Metadata.Uid}");
        }
        if (spec.VolumeMode == "Block")
        {
            throw new VolumeSetUpFailure($"volume {name} has volumeMode Block, but is specified in volumeMounts", SetUpStage.Populate);
        }
        readOnly = readOnly || OnlyReadOnlyMany(spec.AccessModes) || OnlyReadOnlyMany(claim.Spec?.AccessModes);

        if (spec.HostPath is { } hostPath)
        {
            HostPathCheck.Check(hostPath.Path, hostPath.Type);
            return new PodVolume(name, VolumePlugins.HostPath, hostPath.Path, readOnly);
        }
        if (spec.Local is { } local)
        {
            if (VolumeLibc.FileType(local.Path) is null)
            {
                throw new VolumeSetUpFailure($"path \"{local.Path}\" does not exist", SetUpStage.NewMounter);
            }
            return new PodVolume(name, VolumePlugins.Local, BindLocal(uid, name, local.Path), readOnly);
        }
        if (spec.Nfs is { } nfs)
        {
            readOnly |= nfs.ReadOnly == true;
            var dir = PodVolumeDir(uid, VolumePlugins.Nfs, name);
            Directory.CreateDirectory(dir);
            await NetworkMounts.MountNfsAsync(nfs.Server, nfs.Path, readOnly, dir, cancellationToken).ConfigureAwait(false);
            return new PodVolume(name, VolumePlugins.Nfs, dir, readOnly);
        }
        if (spec.Glusterfs is { } gluster)
        {
            readOnly |= gluster.ReadOnly == true;
            var dir = PodVolumeDir(uid, VolumePlugins.Glusterfs, name);
            Directory.CreateDirectory(dir);
            await NetworkMounts.MountGlusterfsAsync(_objects, gluster.EndpointsNamespace ?? ns, gluster.Endpoints, gluster.Path, readOnly, dir, cancellationToken).ConfigureAwait(false);
            return new PodVolume(name, VolumePlugins.Glusterfs, dir, readOnly);
        }
        throw UnsupportedSources.Of(spec)
            ?? new VolumeSetUpFailure($"persistentvolume \"{pvName}\" has no volume source this node knows");
    }

    // A local PV's path bind-mounted at the pod's volume directory (kubelet's local-volume plugin
    // does the same), unless it already is.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private string BindLocal(string uid, string name, string source)
    {
        var dir = PodVolumeDir(uid, VolumePlugins.Local, name);
        Directory.CreateDirectory(dir);
        var real = FileSystemCalls.TryRealPath(dir) ?? dir;
        if (MountPoints.IsMountPoint(real))
        {
            return dir;
        }
        try
        {
            FileSystemCalls.Mount(source, real, null, FileSystemCalls.BindFlag, null);
        }
        catch (IOException e)
        {
            throw new VolumeSetUpFailure($"mount failed: {e.Message}\nMounting command: mount\nMounting arguments: -o bind {source} {real}", e);
        }
        return dir;
    }

    private static bool OnlyReadOnlyMany(IReadOnlyList<string>? modes) =>
        modes is { Count: > 0 } && modes.All(m => m == "ReadOnlyMany");

    private static VolumeSetUpFailure Populate(string ns, string claimName, string detail) =>
        new($"error processing PVC {ns}/{claimName}: {detail}", SetUpStage.Populate);
}
