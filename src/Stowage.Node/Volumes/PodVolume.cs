namespace Stowage.Node.Volumes;

/// <summary>
/// One volume of a pod as set up on this node.
/// </summary>
/// <param name="Name">The volume's name in the pod spec.</param>
/// <param name="Plugin">The plugin that set it up (<see cref="VolumePlugins"/>).</param>
/// <param name="HostPath">What the runtime bind-mounts: a directory under the pod's volumes
/// directory, or for hostPath sources (inline or a claim's PV) the host path itself.</param>
/// <param name="ReadOnly">The volume is read-only whatever a volumeMount says: secret, configMap,
/// downwardAPI and projected volumes (as Kubernetes), a claim mounted with <c>readOnly</c>, a PV
/// source marked readOnly, or a claim that can only be ReadOnlyMany.</param>
public sealed record PodVolume(string Name, string Plugin, string HostPath, bool ReadOnly);
