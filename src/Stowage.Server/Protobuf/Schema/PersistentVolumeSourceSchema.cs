using static Stowage.Server.Protobuf.Schema.CoreV1CommonSchema;
using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// core/v1 PersistentVolumeSource and the PV-only source variants, which name secrets with a
/// namespace (SecretReference) because a PV is cluster-scoped.
/// </summary>
internal static class PersistentVolumeSourceSchema
{
    /// <summary>Inlined into PersistentVolumeSpec: exactly one member is set.</summary>
    public static MessageDescriptor PersistentVolumeSource { get; } = MessageBuilder.Define("PersistentVolumeSource")
        .Message(1, "gcePersistentDisk", () => VolumeSourceSchema.GcePersistentDisk)
        .Message(2, "awsElasticBlockStore", () => VolumeSourceSchema.AwsElasticBlockStore)
        .Message(3, "hostPath", () => VolumeSourceSchema.HostPath)
        .Message(4, "glusterfs", () => Glusterfs)
        .Message(5, "nfs", () => VolumeSourceSchema.Nfs)
        .Message(6, "rbd", () => Rbd)
        .Message(7, "iscsi", () => Iscsi)
        .Message(8, "cinder", () => Cinder)
        .Message(9, "cephfs", () => CephFs)
        .Message(10, "fc", () => VolumeSourceSchema.Fc)
        .Message(11, "flocker", () => VolumeSourceSchema.Flocker)
        .Message(12, "flexVolume", () => FlexVolume)
        .Message(13, "azureFile", () => AzureFile)
        .Message(14, "vsphereVolume", () => VolumeSourceSchema.VsphereVirtualDisk)
        .Message(15, "quobyte", () => VolumeSourceSchema.Quobyte)
        .Message(16, "azureDisk", () => VolumeSourceSchema.AzureDisk)
        .Message(17, "photonPersistentDisk", () => VolumeSourceSchema.PhotonPersistentDisk)
        .Message(18, "portworxVolume", () => VolumeSourceSchema.Portworx)
        .Message(19, "scaleIO", () => ScaleIo)
        .Message(20, "local", () => VolumeSourceSchema.Local)
        .Message(21, "storageos", () => StorageOs)
        .Message(22, "csi", () => Csi)
        .Build();

    public static MessageDescriptor Glusterfs { get; } = MessageBuilder.Define("GlusterfsPersistentVolumeSource")
        .String(1, "endpoints", Always)
        .String(2, "path", Always)
        .Bool(3, "readOnly")
        .String(4, "endpointsNamespace", Pointer)
        .Build();

    public static MessageDescriptor Rbd { get; } = MessageBuilder.Define("RBDPersistentVolumeSource")
        .Strings(1, "monitors", Always)
        .String(2, "image", Always)
        .String(3, "fsType")
        .String(4, "pool")
        .String(5, "user")
        .String(6, "keyring")
        .Message(7, "secretRef", () => SecretReference)
        .Bool(8, "readOnly")
        .Build();

    public static MessageDescriptor Iscsi { get; } = MessageBuilder.Define("ISCSIPersistentVolumeSource")
        .String(1, "targetPortal", Always)
        .String(2, "iqn", Always)
        .Int32(3, "lun", Always)
        .String(4, "iscsiInterface")
        .String(5, "fsType")
        .Bool(6, "readOnly")
        .Strings(7, "portals")
        .Bool(8, "chapAuthDiscovery")
        .Bool(11, "chapAuthSession")
        .Message(10, "secretRef", () => SecretReference)
        .String(12, "initiatorName", Pointer)
        .Build();

    public static MessageDescriptor Cinder { get; } = MessageBuilder.Define("CinderPersistentVolumeSource")
        .String(1, "volumeID", Always)
        .String(2, "fsType")
        .Bool(3, "readOnly")
        .Message(4, "secretRef", () => SecretReference)
        .Build();

    public static MessageDescriptor CephFs { get; } = MessageBuilder.Define("CephFSPersistentVolumeSource")
        .Strings(1, "monitors", Always)
        .String(2, "path")
        .String(3, "user")
        .String(4, "secretFile")
        .Message(5, "secretRef", () => SecretReference)
        .Bool(6, "readOnly")
        .Build();

    public static MessageDescriptor FlexVolume { get; } = MessageBuilder.Define("FlexPersistentVolumeSource")
        .String(1, "driver", Always)
        .String(2, "fsType")
        .Message(3, "secretRef", () => SecretReference)
        .Bool(4, "readOnly")
        .StringMap(5, "options")
        .Build();

    /// <summary>secretNamespace is a pointer without omitempty in Go, so it is null when unset.</summary>
    public static MessageDescriptor AzureFile { get; } = MessageBuilder.Define("AzureFilePersistentVolumeSource")
        .String(1, "secretName", Always)
        .String(2, "shareName", Always)
        .Bool(3, "readOnly")
        .String(4, "secretNamespace", NullablePointer)
        .Build();

    public static MessageDescriptor ScaleIo { get; } = MessageBuilder.Define("ScaleIOPersistentVolumeSource")
        .String(1, "gateway", Always)
        .String(2, "system", Always)
        .Message(3, "secretRef", () => SecretReference, NullablePointer)
        .Bool(4, "sslEnabled")
        .String(5, "protectionDomain")
        .String(6, "storagePool")
        .String(7, "storageMode")
        .String(8, "volumeName")
        .String(9, "fsType")
        .Bool(10, "readOnly")
        .Build();

    public static MessageDescriptor StorageOs { get; } = MessageBuilder.Define("StorageOSPersistentVolumeSource")
        .String(1, "volumeName")
        .String(2, "volumeNamespace")
        .String(3, "fsType")
        .Bool(4, "readOnly")
        .Message(5, "secretRef", () => ObjectReference)
        .Build();

    public static MessageDescriptor Csi { get; } = MessageBuilder.Define("CSIPersistentVolumeSource")
        .String(1, "driver", Always)
        .String(2, "volumeHandle", Always)
        .Bool(3, "readOnly")
        .String(4, "fsType")
        .StringMap(5, "volumeAttributes")
        .Message(6, "controllerPublishSecretRef", () => SecretReference)
        .Message(7, "nodeStageSecretRef", () => SecretReference)
        .Message(8, "nodePublishSecretRef", () => SecretReference)
        .Message(9, "controllerExpandSecretRef", () => SecretReference)
        .Message(10, "nodeExpandSecretRef", () => SecretReference)
        .Build();
}
