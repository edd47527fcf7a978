using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

/// <summary>A piece of storage in the cluster, provisioned by an administrator or a provisioner (v1.PersistentVolume).</summary>
public sealed record PersistentVolume : IApiObject<PersistentVolume>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The volume's desired state.</summary>
    public PersistentVolumeSpec? Spec { get; init; }

    /// <summary>The volume's observed state.</summary>
    public PersistentVolumeStatus? Status { get; init; }

    /// <inheritdoc/>
    public PersistentVolume WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public PersistentVolume WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>The desired state of a PersistentVolume. Exactly one volume source must be set.</summary>
public sealed record PersistentVolumeSpec
{
    /// <summary>The volume's capacity; only "storage" is allowed.</summary>
    public IReadOnlyDictionary<string, Quantity>? Capacity { get; init; }

    /// <summary>ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.</summary>
    public IReadOnlyList<string>? AccessModes { get; init; }

    /// <summary>The claim this volume is bound (or reserved) to.</summary>
    public ObjectReference? ClaimRef { get; init; }

    /// <summary>Retain, Recycle or Delete.</summary>
    public string? PersistentVolumeReclaimPolicy { get; init; }

    /// <summary>The class of this volume; "" means no class.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>Mount options for the volume.</summary>
    public IReadOnlyList<string>? MountOptions { get; init; }

    /// <summary>Filesystem or Block.</summary>
    public string? VolumeMode { get; init; }

    /// <summary>Nodes from which the volume can be accessed.</summary>
    public VolumeNodeAffinity? NodeAffinity { get; init; }

    /// <summary>The VolumeAttributesClass name.</summary>
    public string? VolumeAttributesClassName { get; init; }

    /// <summary>A directory on the host.</summary>
    public HostPathVolumeSource? HostPath { get; init; }

    /// <summary>A local disk or directory on one node.</summary>
    public LocalVolumeSource? Local { get; init; }

    /// <summary>An NFS export.</summary>
    public NfsVolumeSource? Nfs { get; init; }

    /// <summary>A GlusterFS volume.</summary>
    public GlusterfsPersistentVolumeSource? Glusterfs { get; init; }

    /// <summary>A Ceph RBD image.</summary>
    public RbdPersistentVolumeSource? Rbd { get; init; }

    /// <summary>A CephFS path.</summary>
    public CephFsPersistentVolumeSource? Cephfs { get; init; }

    /// <summary>An OpenStack Cinder volume.</summary>
    public CinderPersistentVolumeSource? Cinder { get; init; }

    /// <summary>An AWS EBS volume.</summary>
    public AwsElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; init; }

    /// <summary>A GCE persistent disk.</summary>
    public GcePersistentDiskVolumeSource? GcePersistentDisk { get; init; }

    /// <summary>A FlexVolume driver.</summary>
    public FlexPersistentVolumeSource? FlexVolume { get; init; }

    /// <summary>A CSI driver's volume.</summary>
    public CsiPersistentVolumeSource? Csi { get; init; }

    /// <summary>An iSCSI target.</summary>
    public IscsiPersistentVolumeSource? Iscsi { get; init; }

    /// <summary>A Fibre Channel volume.</summary>
    public FcVolumeSource? Fc { get; init; }

    /// <summary>An Azure data disk.</summary>
    public System.Text.Json.Nodes.JsonObject? AzureDisk { get; init; }

    /// <summary>An Azure File share.</summary>
    public System.Text.Json.Nodes.JsonObject? AzureFile { get; init; }

    /// <summary>A vSphere volume.</summary>
    public System.Text.Json.Nodes.JsonObject? VsphereVolume { get; init; }

    /// <summary>A Quobyte volume.</summary>
    public System.Text.Json.Nodes.JsonObject? Quobyte { get; init; }

    /// <summary>A Portworx volume.</summary>
    public System.Text.Json.Nodes.JsonObject? PortworxVolume { get; init; }

    /// <summary>A ScaleIO volume.</summary>
    public System.Text.Json.Nodes.JsonObject? ScaleIO { get; init; }

    /// <summary>A StorageOS volume.</summary>
    public System.Text.Json.Nodes.JsonObject? Storageos { get; init; }

    /// <summary>A Photon persistent disk.</summary>
    public System.Text.Json.Nodes.JsonObject? PhotonPersistentDisk { get; init; }

    /// <summary>A Flocker dataset.</summary>
    public System.Text.Json.Nodes.JsonObject? Flocker { get; init; }
}

/// <summary>The observed state of a PersistentVolume.</summary>
public sealed record PersistentVolumeStatus
{
    /// <summary>Pending, Available, Bound, Released or Failed.</summary>
    public string? Phase { get; init; }

    /// <summary>Why the volume is in this phase.</summary>
    public string? Message { get; init; }

    /// <summary>Short CamelCase reason for a failure.</summary>
    public string? Reason { get; init; }

    /// <summary>When the phase last changed.</summary>
    public DateTimeOffset? LastPhaseTransitionTime { get; init; }
}

/// <summary>Constraints on the nodes a volume can be used from.</summary>
public sealed record VolumeNodeAffinity
{
    /// <summary>Hard constraints.</summary>
    public NodeSelector? Required { get; init; }
}

/// <summary>A union of node selector terms (ORed).</summary>
public sealed record NodeSelector
{
    /// <summary>The terms; at least one must match.</summary>
    public IReadOnlyList<NodeSelectorTerm>? NodeSelectorTerms { get; init; }
}

/// <summary>Requirements that must all hold (ANDed).</summary>
public sealed record NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    public IReadOnlyList<NodeSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>Requirements on node fields.</summary>
    public IReadOnlyList<NodeSelectorRequirement>? MatchFields { get; init; }
}

/// <summary>A node selector requirement: key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt), values.</summary>
public sealed record NodeSelectorRequirement
{
    /// <summary>The label key.</summary>
    public string Key { get => field ?? ""; init; } = "";

    /// <summary>The operator.</summary>
    public string Operator { get => field ?? ""; init; } = "";

    /// <summary>The values.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}
