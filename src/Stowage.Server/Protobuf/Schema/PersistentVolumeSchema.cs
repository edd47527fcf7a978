using static Stowage.Server.Protobuf.Schema.CoreV1CommonSchema;
using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>PersistentVolumeClaim and PersistentVolume, the storage kinds Stowage exists for.</summary>
internal static class PersistentVolumeSchema
{
    public static MessageDescriptor PersistentVolumeClaim { get; } = MessageBuilder.Define("PersistentVolumeClaim")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => PersistentVolumeClaimSpec, Always)
        .Message(3, "status", () => PersistentVolumeClaimStatus, Always)
        .Build();

    public static MessageDescriptor PersistentVolumeClaimSpec { get; } = MessageBuilder.Define("PersistentVolumeClaimSpec")
        .Strings(1, "accessModes")
        .Message(4, "selector", () => MetaV1Schema.LabelSelector)
        .Message(2, "resources", () => VolumeResourceRequirements, Always)
        .String(3, "volumeName")
        .String(5, "storageClassName", Pointer)
        .String(6, "volumeMode", Pointer)
        .Message(7, "dataSource", () => TypedLocalObjectReference)
        .Message(8, "dataSourceRef", () => TypedObjectReference)
        .String(9, "volumeAttributesClassName", Pointer)
        .Build();

    public static MessageDescriptor VolumeResourceRequirements { get; } = MessageBuilder.Define("VolumeResourceRequirements")
        .QuantityMap(1, "limits")
        .QuantityMap(2, "requests")
        .Build();

    public static MessageDescriptor PersistentVolumeClaimStatus { get; } = MessageBuilder.Define("PersistentVolumeClaimStatus")
        .String(1, "phase")
        .Strings(2, "accessModes")
        .QuantityMap(3, "capacity")
        .Messages(4, "conditions", () => PersistentVolumeClaimCondition)
        .QuantityMap(5, "allocatedResources")
        .StringMap(7, "allocatedResourceStatuses")
        .String(8, "currentVolumeAttributesClassName", Pointer)
        .Message(9, "modifyVolumeStatus", () => ModifyVolumeStatus)
        .Build();

    public static MessageDescriptor PersistentVolumeClaimCondition { get; } = MessageBuilder.Define("PersistentVolumeClaimCondition")
        .String(1, "type", Always)
        .String(2, "status", Always)
        .Time(3, "lastProbeTime")
        .Time(4, "lastTransitionTime")
        .String(5, "reason")
        .String(6, "message")
        .Build();

    public static MessageDescriptor ModifyVolumeStatus { get; } = MessageBuilder.Define("ModifyVolumeStatus")
        .String(1, "targetVolumeAttributesClassName")
        .String(2, "status", Always)
        .Build();

    public static MessageDescriptor PersistentVolumeClaimTemplate { get; } = MessageBuilder.Define("PersistentVolumeClaimTemplate")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => PersistentVolumeClaimSpec, Always)
        .Build();

    public static MessageDescriptor PersistentVolume { get; } = MessageBuilder.Define("PersistentVolume")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => PersistentVolumeSpec, Always)
        .Message(3, "status", () => PersistentVolumeStatus, Always)
        .Build();

    public static MessageDescriptor PersistentVolumeSpec { get; } = MessageBuilder.Define("PersistentVolumeSpec")
        .QuantityMap(1, "capacity")
        .Inline(2, () => PersistentVolumeSourceSchema.PersistentVolumeSource)
        .Strings(3, "accessModes")
        .Message(4, "claimRef", () => ObjectReference)
        .String(5, "persistentVolumeReclaimPolicy")
        .String(6, "storageClassName")
        .Strings(7, "mountOptions")
        .String(8, "volumeMode", Pointer)
        .Message(9, "nodeAffinity", () => VolumeNodeAffinity)
        .String(10, "volumeAttributesClassName", Pointer)
        .Build();

    public static MessageDescriptor VolumeNodeAffinity { get; } = MessageBuilder.Define("VolumeNodeAffinity")
        .Message(1, "required", () => NodeSelector)
        .Build();

    public static MessageDescriptor PersistentVolumeStatus { get; } = MessageBuilder.Define("PersistentVolumeStatus")
        .String(1, "phase")
        .String(2, "message")
        .String(3, "reason")
        .Time(4, "lastPhaseTransitionTime", Pointer)
        .Build();
}
