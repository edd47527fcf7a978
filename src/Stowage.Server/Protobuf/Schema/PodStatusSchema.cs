using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>core/v1 PodStatus and container statuses (written by the node agent).</summary>
internal static class PodStatusSchema
{
    public static MessageDescriptor PodStatus { get; } = MessageBuilder.Define("PodStatus")
        .Int64(17, "observedGeneration")
        .String(1, "phase")
        .Messages(2, "conditions", () => PodCondition)
        .String(3, "message")
        .String(4, "reason")
        .String(11, "nominatedNodeName")
        .String(5, "hostIP")
        .Messages(16, "hostIPs", () => IpAddress)
        .String(6, "podIP")
        .Messages(12, "podIPs", () => IpAddress)
        .Time(7, "startTime", Pointer)
        .Messages(10, "initContainerStatuses", () => ContainerStatus)
        .Messages(8, "containerStatuses", () => ContainerStatus)
        .String(9, "qosClass")
        .Messages(13, "ephemeralContainerStatuses", () => ContainerStatus)
        .String(14, "resize")
        .Messages(15, "resourceClaimStatuses", () => PodResourceClaimStatus)
        .QuantityMap(19, "allocatedResources")
        .Message(20, "resources", () => CoreV1CommonSchema.ResourceRequirements)
        .Build();

    public static MessageDescriptor PodCondition { get; } = MessageBuilder.Define("PodCondition")
        .String(1, "type", Always)
        .Int64(7, "observedGeneration")
        .String(2, "status", Always)
        .Time(3, "lastProbeTime")
        .Time(4, "lastTransitionTime")
        .String(5, "reason")
        .String(6, "message")
        .Build();

    /// <summary>HostIP and PodIP: {1 ip}.</summary>
    public static MessageDescriptor IpAddress { get; } = MessageBuilder.Define("PodIP")
        .String(1, "ip", Always)
        .Build();

    public static MessageDescriptor ContainerStatus { get; } = MessageBuilder.Define("ContainerStatus")
        .String(1, "name", Always)
        .Message(2, "state", () => ContainerState, Always)
        .Message(3, "lastState", () => ContainerState, Always)
        .Bool(4, "ready", Always)
        .Int32(5, "restartCount", Always)
        .String(6, "image", Always)
        .String(7, "imageID", Always)
        .String(8, "containerID")
        .Bool(9, "started", Pointer)
        .QuantityMap(10, "allocatedResources")
        .Message(11, "resources", () => CoreV1CommonSchema.ResourceRequirements)
        .Messages(12, "volumeMounts", () => VolumeMountStatus)
        .Message(13, "user", () => ContainerUser)
        .Messages(14, "allocatedResourcesStatus", () => ResourceStatus)
        .String(15, "stopSignal", Pointer)
        .Build();

    public static MessageDescriptor ContainerState { get; } = MessageBuilder.Define("ContainerState")
        .Message(1, "waiting", () => ContainerStateWaiting)
        .Message(2, "running", () => ContainerStateRunning)
        .Message(3, "terminated", () => ContainerStateTerminated)
        .Build();

    public static MessageDescriptor ContainerStateWaiting { get; } = MessageBuilder.Define("ContainerStateWaiting")
        .String(1, "reason")
        .String(2, "message")
        .Build();

    public static MessageDescriptor ContainerStateRunning { get; } = MessageBuilder.Define("ContainerStateRunning")
        .Time(1, "startedAt")
        .Build();

    public static MessageDescriptor ContainerStateTerminated { get; } = MessageBuilder.Define("ContainerStateTerminated")
        .Int32(1, "exitCode", Always)
        .Int32(2, "signal")
        .String(3, "reason")
        .String(4, "message")
        .Time(5, "startedAt")
        .Time(6, "finishedAt")
        .String(7, "containerID")
        .Build();

    public static MessageDescriptor VolumeMountStatus { get; } = MessageBuilder.Define("VolumeMountStatus")
        .String(1, "name", Always)
        .String(2, "mountPath", Always)
        .Bool(3, "readOnly")
        .String(4, "recursiveReadOnly", Pointer)
        .Build();

    public static MessageDescriptor ContainerUser { get; } = MessageBuilder.Define("ContainerUser")
        .Message(1, "linux", () => LinuxContainerUser)
        .Build();

    public static MessageDescriptor LinuxContainerUser { get; } = MessageBuilder.Define("LinuxContainerUser")
        .Int64(1, "uid", Always)
        .Int64(2, "gid", Always)
        .Int64s(3, "supplementalGroups")
        .Build();

    public static MessageDescriptor ResourceStatus { get; } = MessageBuilder.Define("ResourceStatus")
        .String(1, "name", Always)
        .Messages(2, "resources", () => ResourceHealth)
        .Build();

    public static MessageDescriptor ResourceHealth { get; } = MessageBuilder.Define("ResourceHealth")
        .String(1, "resourceID", Always)
        .String(2, "health")
        .Build();

    public static MessageDescriptor PodResourceClaimStatus { get; } = MessageBuilder.Define("PodResourceClaimStatus")
        .String(1, "name", Always)
        .String(2, "resourceClaimName", Pointer)
        .Build();
}
