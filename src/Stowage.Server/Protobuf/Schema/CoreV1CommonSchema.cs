using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>Small core/v1 types shared by several kinds: references, selectors, resources.</summary>
internal static class CoreV1CommonSchema
{
    public static MessageDescriptor ObjectReference { get; } = MessageBuilder.Define("ObjectReference")
        .String(1, "kind")
        .String(2, "namespace")
        .String(3, "name")
        .String(4, "uid")
        .String(5, "apiVersion")
        .String(6, "resourceVersion")
        .String(7, "fieldPath")
        .Build();

    public static MessageDescriptor LocalObjectReference { get; } = MessageBuilder.Define("LocalObjectReference")
        .String(1, "name")
        .Build();

    public static MessageDescriptor SecretReference { get; } = MessageBuilder.Define("SecretReference")
        .String(1, "name")
        .String(2, "namespace")
        .Build();

    public static MessageDescriptor TypedLocalObjectReference { get; } = MessageBuilder.Define("TypedLocalObjectReference")
        .String(1, "apiGroup", Pointer)
        .String(2, "kind", Always)
        .String(3, "name", Always)
        .Build();

    public static MessageDescriptor TypedObjectReference { get; } = MessageBuilder.Define("TypedObjectReference")
        .String(1, "apiGroup", Pointer)
        .String(2, "kind", Always)
        .String(3, "name", Always)
        .String(4, "namespace", Pointer)
        .Build();

    public static MessageDescriptor NodeSelector { get; } = MessageBuilder.Define("NodeSelector")
        .Messages(1, "nodeSelectorTerms", () => NodeSelectorTerm, Always)
        .Build();

    public static MessageDescriptor NodeSelectorTerm { get; } = MessageBuilder.Define("NodeSelectorTerm")
        .Messages(1, "matchExpressions", () => NodeSelectorRequirement)
        .Messages(2, "matchFields", () => NodeSelectorRequirement)
        .Build();

    public static MessageDescriptor NodeSelectorRequirement { get; } = MessageBuilder.Define("NodeSelectorRequirement")
        .String(1, "key", Always)
        .String(2, "operator", Always)
        .Strings(3, "values")
        .Build();

    public static MessageDescriptor ResourceRequirements { get; } = MessageBuilder.Define("ResourceRequirements")
        .QuantityMap(1, "limits")
        .QuantityMap(2, "requests")
        .Messages(3, "claims", () => ResourceClaim)
        .Build();

    public static MessageDescriptor ResourceClaim { get; } = MessageBuilder.Define("ResourceClaim")
        .String(1, "name", Always)
        .String(2, "request")
        .Build();

    public static MessageDescriptor ObjectFieldSelector { get; } = MessageBuilder.Define("ObjectFieldSelector")
        .String(1, "apiVersion")
        .String(2, "fieldPath", Always)
        .Build();

    public static MessageDescriptor ResourceFieldSelector { get; } = MessageBuilder.Define("ResourceFieldSelector")
        .String(1, "containerName")
        .String(2, "resource", Always)
        .Quantity(3, "divisor", Always)
        .Build();

    public static MessageDescriptor KeyToPath { get; } = MessageBuilder.Define("KeyToPath")
        .String(1, "key", Always)
        .String(2, "path", Always)
        .Int32(3, "mode", Pointer)
        .Build();
}
