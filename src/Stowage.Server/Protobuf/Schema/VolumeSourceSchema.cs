using static Stowage.Server.Protobuf.Schema.CoreV1CommonSchema;
using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// Pod volumes (core/v1 Volume and VolumeSource) and the volume source types that pods and
/// PersistentVolumes share. The PV-only variants, which reference secrets by namespace, are in
/// <see cref="PersistentVolumeSourceSchema"/>.
/// </summary>
internal static class VolumeSourceSchema
{
    public static MessageDescriptor Volume { get; } = MessageBuilder.Define("Volume")
        .String(1, "name", Always)
        .Inline(2, () => VolumeSource)
        .Build();

    public static MessageDescriptor VolumeSource { get; } = MessageBuilder.Define("VolumeSource")
        .Message(1, "hostPath", () => HostPath)
        .Message(2, "emptyDir", () => EmptyDir)
        .Message(3, "gcePersistentDisk", () => GcePersistentDisk)
        .Message(4, "awsElasticBlockStore", () => AwsElasticBlockStore)
        .Message(5, "gitRepo", () => GitRepo)
        .Message(6, "secret", () => Secret)
        .Message(7, "nfs", () => Nfs)
        .Message(8, "iscsi", () => Iscsi)
        .Message(9, "glusterfs", () => Glusterfs)
        .Message(10, "persistentVolumeClaim", () => PersistentVolumeClaim)
        .Message(11, "rbd", () => Rbd)
        .Message(12, "flexVolume", () => FlexVolume)
        .Message(13, "cinder", () => Cinder)
        .Message(14, "cephfs", () => CephFs)
        .Message(15, "flocker", () => Flocker)
        .Message(16, "downwardAPI", () => DownwardApi)
        .Message(17, "fc", () => Fc)
        .Message(18, "azureFile", () => AzureFile)
        .Message(19, "configMap", () => ConfigMap)
        .Message(20, "vsphereVolume", () => VsphereVirtualDisk)
        .Message(21, "quobyte", () => Quobyte)
        .Message(22, "azureDisk", () => AzureDisk)
        .Message(23, "photonPersistentDisk", () => PhotonPersistentDisk)
        .Message(26, "projected", () => Projected)
        .Message(24, "portworxVolume", () => Portworx)
        .Message(25, "scaleIO", () => ScaleIo)
        .Message(27, "storageos", () => StorageOs)
        .Message(28, "csi", () => Csi)
        .Message(29, "ephemeral", () => Ephemeral)
        .Message(30, "image", () => Image)
        .Build();

    public static MessageDescriptor HostPath { get; } = MessageBuilder.Define("HostPathVolumeSource")
        .String(1, "path", Always)
        .String(2, "type", Pointer)
        .Build();

    public static MessageDescriptor EmptyDir { get; } = MessageBuilder.Define("EmptyDirVolumeSource")
        .String(1, "medium")
        .Quantity(2, "sizeLimit")
        .Build();

    public static MessageDescriptor GcePersistentDisk { get; } = MessageBuilder.Define("GCEPersistentDiskVolumeSource")
        .String(1, "pdName", Always)
        .String(2, "fsType")
        .Int32(3, "partition")
        .Bool(4, "readOnly")
        .Build();

    public static MessageDescriptor AwsElasticBlockStore { get; } = MessageBuilder.Define("AWSElasticBlockStoreVolumeSource")
        .String(1, "volumeID", Always)
        .String(2, "fsType")
        .Int32(3, "partition")
        .Bool(4, "readOnly")
        .Build();

    public static MessageDescriptor GitRepo { get; } = MessageBuilder.Define("GitRepoVolumeSource")
        .String(1, "repository", Always)
        .String(2, "revision")
        .String(3, "directory")
        .Build();

    public static MessageDescriptor Secret { get; } = MessageBuilder.Define("SecretVolumeSource")
        .String(1, "secretName")
        .Messages(2, "items", () => KeyToPath)
        .Int32(3, "defaultMode", Pointer)
        .Bool(4, "optional", Pointer)
        .Build();

    public static MessageDescriptor Nfs { get; } = MessageBuilder.Define("NFSVolumeSource")
        .String(1, "server", Always)
        .String(2, "path", Always)
        .Bool(3, "readOnly")
        .Build();

    public static MessageDescriptor Iscsi { get; } = MessageBuilder.Define("ISCSIVolumeSource")
        .String(1, "targetPortal", Always)
        .String(2, "iqn", Always)
        .Int32(3, "lun", Always)
        .String(4, "iscsiInterface")
        .String(5, "fsType")
        .Bool(6, "readOnly")
        .Strings(7, "portals")
        .Bool(8, "chapAuthDiscovery")
        .Bool(11, "chapAuthSession")
        .Message(10, "secretRef", () => LocalObjectReference)
        .String(12, "initiatorName", Pointer)
        .Build();

    public static MessageDescriptor Glusterfs { get; } = MessageBuilder.Define("GlusterfsVolumeSource")
        .String(1, "endpoints", Always)
        .String(2, "path", Always)
        .Bool(3, "readOnly")
        .Build();

    public static MessageDescriptor PersistentVolumeClaim { get; } = MessageBuilder.Define("PersistentVolumeClaimVolumeSource")
        .String(1, "claimName", Always)
        .Bool(2, "readOnly")
        .Build();

    public static MessageDescriptor Rbd { get; } = MessageBuilder.Define("RBDVolumeSource")
        .Strings(1, "monitors", Always)
        .String(2, "image", Always)
        .String(3, "fsType")
        .String(4, "pool")
        .String(5, "user")
        .String(6, "keyring")
        .Message(7, "secretRef", () => LocalObjectReference)
        .Bool(8, "readOnly")
        .Build();

    public static MessageDescriptor FlexVolume { get; } = MessageBuilder.Define("FlexVolumeSource")
        .String(1, "driver", Always)
        .String(2, "fsType")
        .Message(3, "secretRef", () => LocalObjectReference)
        .Bool(4, "readOnly")
        .StringMap(5, "options")
        .Build();

    public static MessageDescriptor Cinder { get; } = MessageBuilder.Define("CinderVolumeSource")
        .String(1, "volumeID", Always)
        .String(2, "fsType")
        .Bool(3, "readOnly")
        .Message(4, "secretRef", () => LocalObjectReference)
        .Build();

    public static MessageDescriptor CephFs { get; } = MessageBuilder.Define("CephFSVolumeSource")
        .Strings(1, "monitors", Always)
        .String(2, "path")
        .String(3, "user")
        .String(4, "secretFile")
        .Message(5, "secretRef", () => LocalObjectReference)
        .Bool(6, "readOnly")
        .Build();

    public static MessageDescriptor Flocker { get; } = MessageBuilder.Define("FlockerVolumeSource")
        .String(1, "datasetName")
        .String(2, "datasetUUID")
        .Build();

    public static MessageDescriptor DownwardApi { get; } = MessageBuilder.Define("DownwardAPIVolumeSource")
        .Messages(1, "items", () => DownwardApiVolumeFile)
        .Int32(2, "defaultMode", Pointer)
        .Build();

    public static MessageDescriptor DownwardApiVolumeFile { get; } = MessageBuilder.Define("DownwardAPIVolumeFile")
        .String(1, "path", Always)
        .Message(2, "fieldRef", () => ObjectFieldSelector)
        .Message(3, "resourceFieldRef", () => ResourceFieldSelector)
        .Int32(4, "mode", Pointer)
        .Build();

    public static MessageDescriptor Fc { get; } = MessageBuilder.Define("FCVolumeSource")
        .Strings(1, "targetWWNs")
        .Int32(2, "lun", Pointer)
        .String(3, "fsType")
        .Bool(4, "readOnly")
        .Strings(5, "wwids")
        .Build();

    public static MessageDescriptor AzureFile { get; } = MessageBuilder.Define("AzureFileVolumeSource")
        .String(1, "secretName", Always)
        .String(2, "shareName", Always)
        .Bool(3, "readOnly")
        .Build();

    public static MessageDescriptor ConfigMap { get; } = MessageBuilder.Define("ConfigMapVolumeSource")
        .Inline(1, () => LocalObjectReference)
        .Messages(2, "items", () => KeyToPath)
        .Int32(3, "defaultMode", Pointer)
        .Bool(4, "optional", Pointer)
        .Build();

    public static MessageDescriptor VsphereVirtualDisk { get; } = MessageBuilder.Define("VsphereVirtualDiskVolumeSource")
        .String(1, "volumePath", Always)
        .String(2, "fsType")
        .String(3, "storagePolicyName")
        .String(4, "storagePolicyID")
        .Build();

    public static MessageDescriptor Quobyte { get; } = MessageBuilder.Define("QuobyteVolumeSource")
        .String(1, "registry", Always)
        .String(2, "volume", Always)
        .Bool(3, "readOnly")
        .String(4, "user")
        .String(5, "group")
        .String(6, "tenant")
        .Build();

    public static MessageDescriptor AzureDisk { get; } = MessageBuilder.Define("AzureDiskVolumeSource")
        .String(1, "diskName", Always)
        .String(2, "diskURI", Always)
        .String(3, "cachingMode", Pointer)
        .String(4, "fsType", Pointer)
        .Bool(5, "readOnly", Pointer)
        .String(6, "kind", Pointer)
        .Build();

    public static MessageDescriptor PhotonPersistentDisk { get; } = MessageBuilder.Define("PhotonPersistentDiskVolumeSource")
        .String(1, "pdID", Always)
        .String(2, "fsType")
        .Build();

    public static MessageDescriptor Projected { get; } = MessageBuilder.Define("ProjectedVolumeSource")
        .Messages(1, "sources", () => VolumeProjection, Always)
        .Int32(2, "defaultMode", Pointer)
        .Build();

    public static MessageDescriptor VolumeProjection { get; } = MessageBuilder.Define("VolumeProjection")
        .Message(1, "secret", () => SecretProjection)
        .Message(2, "downwardAPI", () => DownwardApiProjection)
        .Message(3, "configMap", () => ConfigMapProjection)
        .Message(4, "serviceAccountToken", () => ServiceAccountTokenProjection)
        .Message(5, "clusterTrustBundle", () => ClusterTrustBundleProjection)
        .Build();

    public static MessageDescriptor SecretProjection { get; } = MessageBuilder.Define("SecretProjection")
        .Inline(1, () => LocalObjectReference)
        .Messages(2, "items", () => KeyToPath)
        .Bool(4, "optional", Pointer)
        .Build();

    public static MessageDescriptor ConfigMapProjection { get; } = MessageBuilder.Define("ConfigMapProjection")
        .Inline(1, () => LocalObjectReference)
        .Messages(2, "items", () => KeyToPath)
        .Bool(4, "optional", Pointer)
        .Build();

    public static MessageDescriptor DownwardApiProjection { get; } = MessageBuilder.Define("DownwardAPIProjection")
        .Messages(1, "items", () => DownwardApiVolumeFile)
        .Build();

    public static MessageDescriptor ServiceAccountTokenProjection { get; } = MessageBuilder.Define("ServiceAccountTokenProjection")
        .String(1, "audience")
        .Int64(2, "expirationSeconds", Pointer)
        .String(3, "path", Always)
        .Build();

    public static MessageDescriptor ClusterTrustBundleProjection { get; } = MessageBuilder.Define("ClusterTrustBundleProjection")
        .String(1, "name", Pointer)
        .String(2, "signerName", Pointer)
        .Message(3, "labelSelector", () => MetaV1Schema.LabelSelector)
        .Bool(5, "optional", Pointer)
        .String(4, "path", Always)
        .Build();

    public static MessageDescriptor Portworx { get; } = MessageBuilder.Define("PortworxVolumeSource")
        .String(1, "volumeID", Always)
        .String(2, "fsType")
        .Bool(3, "readOnly")
        .Build();

    public static MessageDescriptor ScaleIo { get; } = MessageBuilder.Define("ScaleIOVolumeSource")
        .String(1, "gateway", Always)
        .String(2, "system", Always)
        .Message(3, "secretRef", () => LocalObjectReference, NullablePointer)
        .Bool(4, "sslEnabled")
        .String(5, "protectionDomain")
        .String(6, "storagePool")
        .String(7, "storageMode")
        .String(8, "volumeName")
        .String(9, "fsType")
        .Bool(10, "readOnly")
        .Build();

    public static MessageDescriptor StorageOs { get; } = MessageBuilder.Define("StorageOSVolumeSource")
        .String(1, "volumeName")
        .String(2, "volumeNamespace")
        .String(3, "fsType")
        .Bool(4, "readOnly")
        .Message(5, "secretRef", () => LocalObjectReference)
        .Build();

    public static MessageDescriptor Csi { get; } = MessageBuilder.Define("CSIVolumeSource")
        .String(1, "driver", Always)
        .Bool(2, "readOnly", Pointer)
        .String(3, "fsType", Pointer)
        .StringMap(4, "volumeAttributes")
        .Message(5, "nodePublishSecretRef", () => LocalObjectReference)
        .Build();

    public static MessageDescriptor Ephemeral { get; } = MessageBuilder.Define("EphemeralVolumeSource")
        .Message(1, "volumeClaimTemplate", () => PersistentVolumeSchema.PersistentVolumeClaimTemplate)
        .Build();

    public static MessageDescriptor Image { get; } = MessageBuilder.Define("ImageVolumeSource")
        .String(1, "reference")
        .String(2, "pullPolicy")
        .Build();

    public static MessageDescriptor Local { get; } = MessageBuilder.Define("LocalVolumeSource")
        .String(1, "path", Always)
        .String(2, "fsType", Pointer)
        .Build();
}
