using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>core/v1 Node, as a node agent registers and heartbeats it.</summary>
internal static class NodeSchema
{
    public static MessageDescriptor Node { get; } = MessageBuilder.Define("Node")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => NodeSpec, Always)
        .Message(3, "status", () => NodeStatus, Always)
        .Build();

    public static MessageDescriptor NodeSpec { get; } = MessageBuilder.Define("NodeSpec")
        .String(1, "podCIDR")
        .Strings(7, "podCIDRs")
        .String(3, "providerID")
        .Bool(4, "unschedulable")
        .Messages(5, "taints", () => Taint)
        .Message(6, "configSource", () => NodeConfigSource)
        .String(2, "externalID")
        .Build();

    public static MessageDescriptor Taint { get; } = MessageBuilder.Define("Taint")
        .String(1, "key", Always)
        .String(2, "value")
        .String(3, "effect", Always)
        .Time(4, "timeAdded", Pointer)
        .Build();

    public static MessageDescriptor NodeConfigSource { get; } = MessageBuilder.Define("NodeConfigSource")
        .Message(2, "configMap", () => ConfigMapNodeConfigSource)
        .Build();

    public static MessageDescriptor ConfigMapNodeConfigSource { get; } = MessageBuilder.Define("ConfigMapNodeConfigSource")
        .String(1, "namespace", Always)
        .String(2, "name", Always)
        .String(3, "uid")
        .String(4, "resourceVersion")
        .String(5, "kubeletConfigKey", Always)
        .Build();

    public static MessageDescriptor NodeStatus { get; } = MessageBuilder.Define("NodeStatus")
        .QuantityMap(1, "capacity")
        .QuantityMap(2, "allocatable")
        .String(3, "phase")
        .Messages(4, "conditions", () => NodeCondition)
        .Messages(5, "addresses", () => NodeAddress)
        .Message(6, "daemonEndpoints", () => NodeDaemonEndpoints, Always)
        .Message(7, "nodeInfo", () => NodeSystemInfo, Always)
        .Messages(8, "images", () => ContainerImage)
        .Strings(9, "volumesInUse")
        .Messages(10, "volumesAttached", () => AttachedVolume)
        .Message(11, "config", () => NodeConfigStatus)
        .Messages(12, "runtimeHandlers", () => NodeRuntimeHandler)
        .Message(13, "features", () => NodeFeatures)
        .Build();

    public static MessageDescriptor NodeCondition { get; } = MessageBuilder.Define("NodeCondition")
        .String(1, "type", Always)
        .String(2, "status", Always)
        .Time(3, "lastHeartbeatTime")
        .Time(4, "lastTransitionTime")
        .String(5, "reason")
        .String(6, "message")
        .Build();

    public static MessageDescriptor NodeAddress { get; } = MessageBuilder.Define("NodeAddress")
        .String(1, "type", Always)
        .String(2, "address", Always)
        .Build();

    public static MessageDescriptor NodeDaemonEndpoints { get; } = MessageBuilder.Define("NodeDaemonEndpoints")
        .Message(1, "kubeletEndpoint", () => DaemonEndpoint, Always)
        .Build();

    /// <summary>The one Kubernetes field whose JSON name is capitalised: <c>json:"Port"</c>.</summary>
    public static MessageDescriptor DaemonEndpoint { get; } = MessageBuilder.Define("DaemonEndpoint")
        .Int32(1, "Port", Always)
        .Build();

    public static MessageDescriptor NodeSystemInfo { get; } = MessageBuilder.Define("NodeSystemInfo")
        .String(1, "machineID", Always)
        .String(2, "systemUUID", Always)
        .String(3, "bootID", Always)
        .String(4, "kernelVersion", Always)
        .String(5, "osImage", Always)
        .String(6, "containerRuntimeVersion", Always)
        .String(7, "kubeletVersion", Always)
        .String(8, "kubeProxyVersion", Always)
        .String(9, "operatingSystem", Always)
        .String(10, "architecture", Always)
        .Message(11, "swap", () => NodeSwapStatus)
        .Build();

    public static MessageDescriptor NodeSwapStatus { get; } = MessageBuilder.Define("NodeSwapStatus")
        .Int64(1, "capacity", Pointer)
        .Build();

    public static MessageDescriptor ContainerImage { get; } = MessageBuilder.Define("ContainerImage")
        .Strings(1, "names", Always)
        .Int64(2, "sizeBytes")
        .Build();

    public static MessageDescriptor AttachedVolume { get; } = MessageBuilder.Define("AttachedVolume")
        .String(1, "name", Always)
        .String(2, "devicePath", Always)
        .Build();

    public static MessageDescriptor NodeConfigStatus { get; } = MessageBuilder.Define("NodeConfigStatus")
        .Message(1, "assigned", () => NodeConfigSource)
        .Message(2, "active", () => NodeConfigSource)
        .Message(3, "lastKnownGood", () => NodeConfigSource)
        .String(4, "error")
        .Build();

    public static MessageDescriptor NodeRuntimeHandler { get; } = MessageBuilder.Define("NodeRuntimeHandler")
        .String(1, "name", Always)
        .Message(2, "features", () => NodeRuntimeHandlerFeatures)
        .Build();

    public static MessageDescriptor NodeRuntimeHandlerFeatures { get; } = MessageBuilder.Define("NodeRuntimeHandlerFeatures")
        .Bool(1, "recursiveReadOnlyMounts", Pointer)
        .Bool(2, "userNamespaces", Pointer)
        .Build();

    public static MessageDescriptor NodeFeatures { get; } = MessageBuilder.Define("NodeFeatures")
        .Bool(1, "supplementalGroupsPolicy", Pointer)
        .Build();
}
