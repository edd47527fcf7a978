namespace Stowage.Api.Core;

// The volume sources of PersistentVolumes and Pods. They are kept together in one file because
// each is a handful of fields mirroring Kubernetes' types one to one; splitting them would only
// scatter the vocabulary.

/// <summary>A directory (or file, socket, device) on the host.</summary>
public sealed record HostPathVolumeSource
{
    /// <summary>Path on the host.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>"", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.</summary>
    public string? Type { get; init; }
}

/// <summary>A local disk, partition or directory on one node.</summary>
public sealed record LocalVolumeSource
{
    /// <summary>Full path on the node.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type, for block devices.</summary>
    public string? FsType { get; init; }
}

/// <summary>An NFS export.</summary>
public sealed record NfsVolumeSource
{
    /// <summary>Host name or IP of the NFS server.</summary>
    public string Server { get => field ?? ""; init; } = "";

    /// <summary>Exported path.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>A GlusterFS volume reached through an Endpoints object.</summary>
public sealed record GlusterfsPersistentVolumeSource
{
    /// <summary>Name of the Endpoints object listing the Gluster servers.</summary>
    public string Endpoints { get => field ?? ""; init; } = "";

    /// <summary>The Gluster volume name.</summary>
    public string Path { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Namespace of the Endpoints object (defaults to the claim's namespace).</summary>
    public string? EndpointsNamespace { get; init; }
}

/// <summary>A reference to a Secret in any namespace.</summary>
public sealed record SecretReference
{
    /// <summary>The secret's name.</summary>
    public string? Name { get; init; }

    /// <summary>The secret's namespace.</summary>
    public string? Namespace { get; init; }
}

/// <summary>A reference to an object in the same namespace by name.</summary>
public sealed record LocalObjectReference
{
    /// <summary>The referent's name.</summary>
    public string? Name { get; init; }
}

/// <summary>A Ceph RADOS block device.</summary>
public sealed record RbdPersistentVolumeSource
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

    /// <summary>Secret holding the Ceph key; overrides the keyring.</summary>
    public SecretReference? SecretRef { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>A CephFS mount.</summary>
public sealed record CephFsPersistentVolumeSource
{
    /// <summary>Ceph monitors.</summary>
    public IReadOnlyList<string>? Monitors { get; init; }

    /// <summary>Path within the filesystem (default /).</summary>
    public string? Path { get; init; }

    /// <summary>The RADOS user.</summary>
    public string? User { get; init; }

    /// <summary>Path to the key ring for the user.</summary>
    public string? SecretFile { get; init; }

    /// <summary>Secret with the user's key.</summary>
    public SecretReference? SecretRef { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>An OpenStack Cinder volume.</summary>
public sealed record CinderPersistentVolumeSource
{
    /// <summary>The Cinder volume id.</summary>
    public string VolumeID { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Secret with OpenStack credentials.</summary>
    public SecretReference? SecretRef { get; init; }
}

/// <summary>An AWS Elastic Block Store volume.</summary>
public sealed record AwsElasticBlockStoreVolumeSource
{
    /// <summary>The EBS volume id.</summary>
    public string VolumeID { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Partition number.</summary>
    public int? Partition { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>A GCE persistent disk.</summary>
public sealed record GcePersistentDiskVolumeSource
{
    /// <summary>The PD resource name.</summary>
    public string PdName { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Partition number.</summary>
    public int? Partition { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }
}

/// <summary>A FlexVolume driver's volume.</summary>
public sealed record FlexPersistentVolumeSource
{
    /// <summary>The driver name.</summary>
    public string Driver { get => field ?? ""; init; } = "";

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Secret passed to the driver.</summary>
    public SecretReference? SecretRef { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Extra driver options.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

/// <summary>A volume managed by an external CSI driver.</summary>
public sealed record CsiPersistentVolumeSource
{
    /// <summary>The driver name.</summary>
    public string Driver { get => field ?? ""; init; } = "";

    /// <summary>The driver's volume id.</summary>
    public string VolumeHandle { get => field ?? ""; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Driver attributes of the volume.</summary>
    public IReadOnlyDictionary<string, string>? VolumeAttributes { get; init; }

    /// <summary>Secret for ControllerPublish.</summary>
    public SecretReference? ControllerPublishSecretRef { get; init; }

    /// <summary>Secret for NodeStage.</summary>
    public SecretReference? NodeStageSecretRef { get; init; }

    /// <summary>Secret for NodePublish.</summary>
    public SecretReference? NodePublishSecretRef { get; init; }

    /// <summary>Secret for ControllerExpand.</summary>
    public SecretReference? ControllerExpandSecretRef { get; init; }

    /// <summary>Secret for NodeExpand.</summary>
    public SecretReference? NodeExpandSecretRef { get; init; }
}

/// <summary>An iSCSI target.</summary>
public sealed record IscsiPersistentVolumeSource
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

    /// <summary>Secret for CHAP.</summary>
    public SecretReference? SecretRef { get; init; }

    /// <summary>Custom initiator name.</summary>
    public string? InitiatorName { get; init; }
}

/// <summary>A Fibre Channel volume.</summary>
public sealed record FcVolumeSource
{
    /// <summary>Target world wide names.</summary>
    public IReadOnlyList<string>? TargetWWNs { get; init; }

    /// <summary>LUN number.</summary>
    public int? Lun { get; init; }

    /// <summary>Filesystem type.</summary>
    public string? FsType { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>World wide identifiers.</summary>
    public IReadOnlyList<string>? Wwids { get; init; }
}
