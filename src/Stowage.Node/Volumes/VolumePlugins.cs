namespace Stowage.Node.Volumes;

/// <summary>
/// The directory names kubelet gives its volume plugins under <c>pods/&lt;uid&gt;/volumes</c>
/// (the plugin name with '/' escaped as '~'). Keeping kubelet's names means an administrator who
/// knows Kubernetes finds a pod's volumes where they expect them.
/// </summary>
public static class VolumePlugins
{
    /// <summary>emptyDir.</summary>
    public const string EmptyDir = "kubernetes.io~empty-dir";

    /// <summary>secret (on tmpfs).</summary>
    public const string Secret = "kubernetes.io~secret";

    /// <summary>configMap.</summary>
    public const string ConfigMap = "kubernetes.io~configmap";

    /// <summary>downwardAPI (on tmpfs).</summary>
    public const string DownwardApi = "kubernetes.io~downward-api";

    /// <summary>projected (on tmpfs).</summary>
    public const string Projected = "kubernetes.io~projected";

    /// <summary>gitRepo.</summary>
    public const string GitRepo = "kubernetes.io~git-repo";

    /// <summary>nfs.</summary>
    public const string Nfs = "kubernetes.io~nfs";

    /// <summary>glusterfs.</summary>
    public const string Glusterfs = "kubernetes.io~glusterfs";

    /// <summary>local PersistentVolumes (bind-mounted into the pod's directory, as kubelet does).</summary>
    public const string Local = "kubernetes.io~local-volume";

    /// <summary>hostPath: used in place, never under the pod's directory.</summary>
    public const string HostPath = "kubernetes.io~host-path";

    /// <summary>Every plugin that keeps a directory under the pod's volumes directory.</summary>
    public static IReadOnlyList<string> WithPodDirectory { get; } =
        [EmptyDir, Secret, ConfigMap, DownwardApi, Projected, GitRepo, Nfs, Glusterfs, Local];
}
