using System.Text.RegularExpressions;
using Stowage.Api.Core;

namespace Stowage.Controllers.Reclaim;

/// <summary>
/// hostPath (and local) volumes on this node. Recycle empties the directory (Kubernetes runs
/// <c>rm -rf</c> of its contents in a recycler pod; the controller here runs on the node that holds
/// the directory, so it does it directly). Delete follows Kubernetes' hostPath deleter: only paths
/// matching <c>/tmp/.+</c> may be removed, so an administrator's real data cannot be deleted by a
/// reclaim policy typo.
/// </summary>
public sealed partial class HostPathPlugin : IVolumePlugin
{
    /// <inheritdoc/>
    public string Name => "kubernetes.io/host-path";

    /// <inheritdoc/>
    public bool CanRecycle => true;

    /// <inheritdoc/>
    public bool CanDelete => true;

    /// <inheritdoc/>
    public bool Supports(PersistentVolume volume) => volume.Spec?.HostPath is not null || volume.Spec?.Local is not null;

    /// <inheritdoc/>
    public Task RecycleAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        var path = PathOf(volume);
        if (!Directory.Exists(path))
        {
            throw new VolumePluginException($"the host path {path} does not exist or is not a directory on this node");
        }
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry is DirectoryInfo dir && !dir.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                dir.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        var path = PathOf(volume);
        if (volume.Spec?.Local is not null || !TmpPath().IsMatch(path))
        {
            throw new VolumePluginException($"host_path deleter only supports /tmp/.+ but received provided {path}");
        }
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        return Task.CompletedTask;
    }

    private static string PathOf(PersistentVolume volume) => volume.Spec?.HostPath?.Path ?? volume.Spec?.Local?.Path ?? "";

    [GeneratedRegex("/tmp/.+")]
    private static partial Regex TmpPath();
}
