using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

// The volume sources only pods use, beside the shared ones in VolumeSources.cs. The pod forms of
// RBD, CephFS, Cinder, FlexVolume, CSI and iSCSI differ from the PersistentVolume forms in one way
// that matters: their secretRef is a LocalObjectReference (a secret in the pod's namespace), so a
// pod cannot reach into another namespace.

/// <summary>An empty directory that lives as long as the pod.</summary>
public sealed record EmptyDirVolumeSource
{
    /// <summary>"" (the node's disk) or Memory (tmpfs).</summary>
    public string? Medium { get; init; }

    /// <summary>The most the directory may hold.</summary>
    public Quantity? SizeLimit { get; init; }
}

/// <summary>A git repository cloned into an empty directory (deprecated in Kubernetes).</summary>
public sealed record GitRepoVolumeSource
{
    /// <summary>The repository URL.</summary>
    public string Repository { get => field ?? ""; init; } = "";

    /// <summary>The commit to check out.</summary>
    public string? Revision { get; init; }

    /// <summary>The target directory ("." for the volume root).</summary>
    public string? Directory { get; init; }
}

/// <summary>A GlusterFS volume reached through an Endpoints object in the pod's namespace.</summary>
public sealed record GlusterfsVolumeSource
{
    /// <summary>Name of the Endpoints object listing the Gluster servers.</summary>
    public string Endpoints { get => field ?? ""; init; } = "";

    /// <summary>The Gluster volume name.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>The keys of a ConfigMap as files.</summary>
public sealed record ConfigMapVolumeSource
{
    /// <summary>The ConfigMap's name.</summary>
    public string? Name { get; init; }

    /// <summary>Which keys to project where (all keys when absent).</summary>
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    /// <summary>File mode bits (default 0644 = 420).</summary>
    public int? DefaultMode { get; init; }

    /// <summary>Tolerate a missing ConfigMap or key.</summary>
    public bool? Optional { get; init; }
}

/// <summary>The keys of a Secret as files.</summary>
public sealed record SecretVolumeSource
{
    /// <summary>The Secret's name.</summary>
    public string? SecretName { get; init; }

    /// <summary>Which keys to project where (all keys when absent).</summary>
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    /// <summary>File mode bits (default 0644 = 420).</summary>
    public int? DefaultMode { get; init; }

    /// <summary>Tolerate a missing Secret or key.</summary>
    public bool? Optional { get; init; }
}

/// <summary>One key projected to a relative path.</summary>
public sealed record KeyToPath
{
    /// <summary>The key.</summary>
    public string Key { get => field ?? ""; init; } = "";

    /// <summary>The relative file path.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>File mode bits.</summary>
    public int? Mode { get; init; }
}

/// <summary>Pod fields and container resources as files.</summary>
public sealed record DownwardApiVolumeSource
{
    /// <summary>The files.</summary>
    public IReadOnlyList<DownwardApiVolumeFile>? Items { get; init; }

    /// <summary>File mode bits (default 0644 = 420).</summary>
    public int? DefaultMode { get; init; }
}

/// <summary>One downward API file.</summary>
public sealed record DownwardApiVolumeFile
{
    /// <summary>The relative file path.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>A pod field.</summary>
    public ObjectFieldSelector? FieldRef { get; init; }

    /// <summary>A container resource.</summary>
    public ResourceFieldSelector? ResourceFieldRef { get; init; }

    /// <summary>File mode bits.</summary>
    public int? Mode { get; init; }
}

/// <summary>A field of the pod, e.g. metadata.labels.</summary>
public sealed record ObjectFieldSelector
{
    /// <summary>The version the path is written for (default v1).</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The field path.</summary>
    public string FieldPath { get => field ?? ""; init; } = "";
}

/// <summary>A container resource, e.g. limits.memory, and its unit.</summary>
public sealed record ResourceFieldSelector
{
    /// <summary>The container (required in volumes).</summary>
    public string? ContainerName { get; init; }

    /// <summary>The resource, e.g. requests.cpu.</summary>
    public string Resource { get => field ?? ""; init; } = "";

    /// <summary>The unit the value is divided by (default 1).</summary>
    public Quantity? Divisor { get; init; }
}

/// <summary>The volume bound to a claim in the pod's namespace.</summary>
public sealed record PersistentVolumeClaimVolumeSource
{
    /// <summary>The claim's name.</summary>
    public string ClaimName { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>A Ceph RADOS block device mounted by a pod.</summary>
public sealed record RbdVolumeSource
{
    /// <summary>Ceph monitors.</summary>
    public IReadOnlyList<string>? Monitors { get; init; }

    /// <summary>The RADOS image name.</summary>
    public string Image { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>The RADOS pool (default rbd).</summary>
    public string? Pool { get; init; }

    /// <summary>The RADOS user (default admin).</summary>
    public string? User { get; init; }

    /// <summary>Path to the keyring (default /etc/ceph/keyring).</summary>
    public string? Keyring { get; init; }

    /// <summary>Secret in the pod's namespace holding the Ceph key.</summary>
    public LocalObjectReference? SecretRef { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>A CephFS mount of a pod.</summary>
public sealed record CephFsVolumeSource
{
    /// <summary>Ceph monitors.</summary>
    public IReadOnlyList<string>? Monitors { get; init; }

    /// <summary>Path within the filesystem (default /).</summary>
    public string? Path { get; init; }

    /// <summary>The RADOS user.</summary>
    public string? User { get; init; }

    /// <summary>Path to the key ring for the user.</summary>
    public string? SecretFile { get; init; }

    /// <summary>Secret in the pod's namespace with the user's key.</summary>
    public LocalObjectReference? SecretRef { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>An OpenStack Cinder volume of a pod.</summary>
public sealed record CinderVolumeSource
{
    /// <summary>The Cinder volume id.</summary>
    public string VolumeID { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Secret in the pod's namespace with OpenStack credentials.</summary>
    public LocalObjectReference? SecretRef { get; init; }
}

/// <summary>A FlexVolume driver's volume of a pod.</summary>
public sealed record FlexVolumeSource
{
    /// <summary>The driver name.</summary>
    public string Driver { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Secret in the pod's namespace passed to the driver.</summary>
    public LocalObjectReference? SecretRef { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Extra driver options.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

/// <summary>An inline (ephemeral) volume of a CSI driver.</summary>
public sealed record CsiVolumeSource
{
    /// <summary>The driver name.</summary>
    public string Driver { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Driver-specific attributes.</summary>
    public IReadOnlyDictionary<string, string>? VolumeAttributes { get; init; }

    /// <summary>Secret in the pod's namespace for NodePublish.</summary>
    public LocalObjectReference? NodePublishSecretRef { get; init; }
}

/// <summary>An iSCSI target mounted by a pod.</summary>
public sealed record IscsiVolumeSource
{
    /// <summary>Target portal, ip[:port].</summary>
    public string TargetPortal { get => field ?? ""; init; } = "";

    /// <summary>Target iSCSI Qualified Name.</summary>
    public string Iqn { get => field ?? ""; init; } = "";

    /// <summary>Target LUN number.</summary>
    public int Lun { get; init; }

    /// <summary>iSCSI interface name (default "default").</summary>
    public string? IscsiInterface { get; init; }

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Further portals for multipath.</summary>
    public IReadOnlyList<string>? Portals { get; init; }

    /// <summary>CHAP discovery authentication.</summary>
    public bool? ChapAuthDiscovery { get; init; }

    /// <summary>CHAP session authentication.</summary>
    public bool? ChapAuthSession { get; init; }

    /// <summary>Secret in the pod's namespace for CHAP.</summary>
    public LocalObjectReference? SecretRef { get; init; }

    /// <summary>Custom initiator name.</summary>
    public string? InitiatorName { get; init; }
}
