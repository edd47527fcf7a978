using Stowage.Api.Core;

namespace Stowage.Node.Volumes;

/// <summary>
/// The volume sources this node cannot provide, each with the reason a user needs to read in the
/// pod's events (a cloud disk needs that cloud, a Ceph volume a Ceph client, a CSI volume its
/// driver). Failing here is deliberate: a pod must never run on an empty directory in place of the
/// storage it asked for.
/// </summary>
internal static class UnsupportedSources
{
    /// <summary>The failure for the first unsupported source of a pod volume, or null when it has none.</summary>
    public static VolumeSetUpFailure? Of(Volume volume) =>
        volume.AwsElasticBlockStore is not null ? Cloud("awsElasticBlockStore", "AWS EBS", "an AWS EC2 instance with the EBS attach API")
        : volume.GcePersistentDisk is not null ? Cloud("gcePersistentDisk", "GCE persistent disk", "a Google Compute Engine instance")
        : volume.AzureDisk is not null ? Cloud("azureDisk", "Azure disk", "an Azure virtual machine")
        : volume.Cinder is not null ? Cloud("cinder", "Cinder", "an OpenStack instance with Cinder")
        : volume.VsphereVolume is not null ? Cloud("vsphereVolume", "vSphere", "a vSphere virtual machine")
        : volume.PhotonPersistentDisk is not null ? Cloud("photonPersistentDisk", "Photon persistent disk", "a Photon Controller virtual machine")
        : volume.AzureFile is not null ? Mount("azureFile", "this node's kernel has no CIFS/SMB client and there is no Azure storage account access")
        : volume.Rbd is not null ? Mount("rbd", "this node's kernel has no Ceph RBD block device support")
        : volume.Cephfs is not null ? Mount("cephfs", "this node has no CephFS client (no \"ceph\" in /proc/filesystems and no ceph-fuse)")
        : volume.Iscsi is not null ? Mount("iscsi", "this node has no iSCSI initiator (iscsiadm)")
        : volume.Fc is not null ? Mount("fc", "this node has no Fibre Channel host bus adapter")
        : volume.Flocker is not null ? Mount("flocker", "there is no Flocker control service")
        : volume.Quobyte is not null ? Mount("quobyte", "this node has no Quobyte client")
        : volume.PortworxVolume is not null ? Mount("portworxVolume", "there is no Portworx driver on this node")
        : volume.ScaleIO is not null ? Mount("scaleIO", "there is no ScaleIO client on this node")
        : volume.Storageos is not null ? Mount("storageos", "there is no StorageOS driver on this node")
        : volume.FlexVolume is not null ? Mount("flexVolume", $"the FlexVolume driver \"{volume.FlexVolume.Driver}\" is not installed on this node")
        : volume.Csi is not null ? Csi(volume.Csi.Driver)
        : volume.Image is not null ? Mount("image", "this node's runtime cannot mount OCI images as volumes")
        : null;

    /// <summary>The failure for a PersistentVolume's source this node cannot mount, or null when it can.</summary>
    public static VolumeSetUpFailure? Of(PersistentVolumeSpec spec) =>
        spec.AwsElasticBlockStore is not null ? Cloud("awsElasticBlockStore", "AWS EBS", "an AWS EC2 instance with the EBS attach API")
        : spec.GcePersistentDisk is not null ? Cloud("gcePersistentDisk", "GCE persistent disk", "a Google Compute Engine instance")
        : spec.AzureDisk is not null ? Cloud("azureDisk", "Azure disk", "an Azure virtual machine")
        : spec.Cinder is not null ? Cloud("cinder", "Cinder", "an OpenStack instance with Cinder")
        : spec.VsphereVolume is not null ? Cloud("vsphereVolume", "vSphere", "a vSphere virtual machine")
        : spec.PhotonPersistentDisk is not null ? Cloud("photonPersistentDisk", "Photon persistent disk", "a Photon Controller virtual machine")
        : spec.AzureFile is not null ? Mount("azureFile", "this node's kernel has no CIFS/SMB client and there is no Azure storage account access")
        : spec.Rbd is not null ? Mount("rbd", "this node's kernel has no Ceph RBD block device support")
        : spec.Cephfs is not null ? Mount("cephfs", "this node has no CephFS client (no \"ceph\" in /proc/filesystems and no ceph-fuse)")
        : spec.Iscsi is not null ? Mount("iscsi", "this node has no iSCSI initiator (iscsiadm)")
        : spec.Fc is not null ? Mount("fc", "this node has no Fibre Channel host bus adapter")
        : spec.Flocker is not null ? Mount("flocker", "there is no Flocker control service")
        : spec.Quobyte is not null ? Mount("quobyte", "this node has no Quobyte client")
        : spec.PortworxVolume is not null ? Mount("portworxVolume", "there is no Portworx driver on this node")
        : spec.ScaleIO is not null ? Mount("scaleIO", "there is no ScaleIO client on this node")
        : spec.Storageos is not null ? Mount("storageos", "there is no StorageOS driver on this node")
        : spec.FlexVolume is not null ? Mount("flexVolume", $"the FlexVolume driver \"{spec.FlexVolume.Driver}\" is not installed on this node")
        : spec.Csi is not null ? Csi(spec.Csi.Driver)
        : null;

    private static VolumeSetUpFailure Cloud(string source, string what, string where) =>
        new($"{source} volumes cannot be attached to this node: {what} volumes attach only to {where}, and this node runs on no cloud provider",
            SetUpStage.Attach);

    private static VolumeSetUpFailure Mount(string source, string why) =>
        new($"{source} volumes cannot be mounted on this node: {why}");

    // kubelet's own text for a CSI driver that never registered.
    private static VolumeSetUpFailure Csi(string driver) =>
        new($"kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name {driver} not found in the list of registered CSI drivers");
}
