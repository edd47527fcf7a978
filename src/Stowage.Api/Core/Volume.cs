using System.Text.Json.Nodes;

namespace Stowage.Api.Core;

/// <summary>
/// A named volume of a pod (v1.Volume with its inlined v1.VolumeSource). Exactly one source must be
/// set; a volume with none is defaulted to an emptyDir. Sources the storage flows use are typed,
/// the rarer in-tree ones are kept as raw JSON.
/// </summary>
public sealed record Volume
{
    /// <summary>Unique name within the pod (a DNS label).</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>A directory (or file, socket, device) on the node.</summary>
    public HostPathVolumeSource? HostPath { get; init; }

    /// <summary>A scratch directory that lives as long as the pod.</summary>
    public EmptyDirVolumeSource? EmptyDir { get; init; }

    /// <summary>A GCE persistent disk.</summary>
    public GcePersistentDiskVolumeSource? GcePersistentDisk { get; init; }

    /// <summary>An AWS EBS volume.</summary>
    public AwsElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; init; }

    /// <summary>A git repository cloned into an empty directory (deprecated).</summary>
    public GitRepoVolumeSource? GitRepo { get; init; }

    /// <summary>The keys of a Secret as files.</summary>
    public SecretVolumeSource? Secret { get; init; }

    /// <summary>An NFS export.</summary>
    public NfsVolumeSource? Nfs { get; init; }

    /// <summary>An iSCSI target.</summary>
    public IscsiVolumeSource? Iscsi { get; init; }

    /// <summary>A GlusterFS volume.</summary>
    public GlusterfsVolumeSource? Glusterfs { get; init; }

    /// <summary>The volume bound to a claim in the pod's namespace.</summary>
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; init; }

    /// <summary>A Ceph RBD image.</summary>
    public RbdVolumeSource? Rbd { get; init; }

    /// <summary>A FlexVolume driver's volume.</summary>
    public FlexVolumeSource? FlexVolume { get; init; }

    /// <summary>An OpenStack Cinder volume.</summary>
    public CinderVolumeSource? Cinder { get; init; }

    /// <summary>A CephFS path.</summary>
    public CephFsVolumeSource? Cephfs { get; init; }

    /// <summary>A Flocker dataset.</summary>
    public JsonObject? Flocker { get; init; }

    /// <summary>Pod fields as files.</summary>
    public DownwardApiVolumeSource? DownwardAPI { get; init; }

    /// <summary>A Fibre Channel volume.</summary>
    public FcVolumeSource? Fc { get; init; }

    /// <summary>An Azure File share.</summary>
    public JsonObject? AzureFile { get; init; }

    /// <summary>The keys of a ConfigMap as files.</summary>
    public ConfigMapVolumeSource? ConfigMap { get; init; }

    /// <summary>A vSphere volume.</summary>
    public JsonObject? VsphereVolume { get; init; }

    /// <summary>A Quobyte volume.</summary>
    public JsonObject? Quobyte { get; init; }

    /// <summary>An Azure data disk.</summary>
    public JsonObject? AzureDisk { get; init; }

    /// <summary>A Photon persistent disk.</summary>
    public JsonObject? PhotonPersistentDisk { get; init; }

    /// <summary>Secrets, ConfigMaps, downward API and tokens in one directory (v1.ProjectedVolumeSource).</summary>
    public JsonObject? Projected { get; init; }

    /// <summary>A Portworx volume.</summary>
    public JsonObject? PortworxVolume { get; init; }

    /// <summary>A ScaleIO volume.</summary>
    public JsonObject? ScaleIO { get; init; }

    /// <summary>A StorageOS volume.</summary>
    public JsonObject? Storageos { get; init; }

    /// <summary>An inline volume of a CSI driver.</summary>
    public CsiVolumeSource? Csi { get; init; }

    /// <summary>A claim created from a template for the pod's lifetime (v1.EphemeralVolumeSource).</summary>
    public JsonObject? Ephemeral { get; init; }

    /// <summary>An OCI image or artifact (v1.ImageVolumeSource).</summary>
    public JsonObject? Image { get; init; }
}
