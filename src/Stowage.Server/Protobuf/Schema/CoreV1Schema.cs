using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>The small core/v1 kinds: Namespace, Secret, ConfigMap, Event, Endpoints.</summary>
internal static class CoreV1Schema
{
    public static MessageDescriptor Namespace { get; } = MessageBuilder.Define("Namespace")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => NamespaceSpec, Always)
        .Message(3, "status", () => NamespaceStatus, Always)
        .Build();

    public static MessageDescriptor NamespaceSpec { get; } = MessageBuilder.Define("NamespaceSpec")
        .Strings(1, "finalizers")
        .Build();

    public static MessageDescriptor NamespaceStatus { get; } = MessageBuilder.Define("NamespaceStatus")
        .String(1, "phase")
        .Messages(2, "conditions", () => NamespaceCondition)
        .Build();

    public static MessageDescriptor NamespaceCondition { get; } = MessageBuilder.Define("NamespaceCondition")
        .String(1, "type", Always)
        .String(2, "status", Always)
        .Time(4, "lastTransitionTime")
        .String(5, "reason")
        .String(6, "message")
        .Build();

    /// <summary>Secret: data is <c>map[string][]byte</c>, so its values are base64 in JSON.</summary>
    public static MessageDescriptor Secret { get; } = MessageBuilder.Define("Secret")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Bool(5, "immutable", Pointer)
        .BytesMap(2, "data")
        .StringMap(4, "stringData")
        .String(3, "type")
        .Build();

    public static MessageDescriptor ConfigMap { get; } = MessageBuilder.Define("ConfigMap")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Bool(4, "immutable", Pointer)
        .StringMap(2, "data")
        .BytesMap(3, "binaryData")
        .Build();

    public static MessageDescriptor Event { get; } = MessageBuilder.Define("Event")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "involvedObject", () => CoreV1CommonSchema.ObjectReference, Always)
        .String(3, "reason")
        .String(4, "message")
        .Message(5, "source", () => EventSource, Always)
        .Time(6, "firstTimestamp")
        .Time(7, "lastTimestamp")
        .Int32(8, "count")
        .String(9, "type")
        .MicroTime(10, "eventTime")
        .Message(11, "series", () => EventSeries)
        .String(12, "action")
        .Message(13, "related", () => CoreV1CommonSchema.ObjectReference)
        .String(14, "reportingComponent", Always)
        .String(15, "reportingInstance", Always)
        .Build();

    public static MessageDescriptor EventSource { get; } = MessageBuilder.Define("EventSource")
        .String(1, "component")
        .String(2, "host")
        .Build();

    public static MessageDescriptor EventSeries { get; } = MessageBuilder.Define("EventSeries")
        .Int32(1, "count")
        .MicroTime(2, "lastObservedTime")
        .Build();

    public static MessageDescriptor Endpoints { get; } = MessageBuilder.Define("Endpoints")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Messages(2, "subsets", () => EndpointSubset)
        .Build();

    public static MessageDescriptor EndpointSubset { get; } = MessageBuilder.Define("EndpointSubset")
        .Messages(1, "addresses", () => EndpointAddress)
        .Messages(2, "notReadyAddresses", () => EndpointAddress)
        .Messages(3, "ports", () => EndpointPort)
        .Build();

    public static MessageDescriptor EndpointAddress { get; } = MessageBuilder.Define("EndpointAddress")
        .String(1, "ip", Always)
        .String(3, "hostname")
        .String(4, "nodeName", Pointer)
        .Message(2, "targetRef", () => CoreV1CommonSchema.ObjectReference)
        .Build();

    public static MessageDescriptor EndpointPort { get; } = MessageBuilder.Define("EndpointPort")
        .String(1, "name")
        .Int32(2, "port", Always)
        .String(3, "protocol")
        .String(4, "appProtocol", Pointer)
        .Build();
}
