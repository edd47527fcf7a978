using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// k8s.io/apimachinery/pkg/apis/meta/v1 messages. Field numbers are from its generated.proto; JSON
/// names and shapes from types.go.
/// </summary>
internal static class MetaV1Schema
{
    public static MessageDescriptor ObjectMeta { get; } = MessageBuilder.Define("ObjectMeta")
        .String(1, "name")
        .String(2, "generateName")
        .String(3, "namespace")
        .String(4, "selfLink")
        .String(5, "uid")
        .String(6, "resourceVersion")
        .Int64(7, "generation")
        .Time(8, "creationTimestamp")
        .Time(9, "deletionTimestamp", Pointer)
        .Int64(10, "deletionGracePeriodSeconds", Pointer)
        .StringMap(11, "labels")
        .StringMap(12, "annotations")
        .Messages(13, "ownerReferences", () => OwnerReference)
        .Strings(14, "finalizers")
        .Messages(17, "managedFields", () => ManagedFieldsEntry)
        .Build();

    public static MessageDescriptor OwnerReference { get; } = MessageBuilder.Define("OwnerReference")
        .String(5, "apiVersion", Always)
        .String(1, "kind", Always)
        .String(3, "name", Always)
        .String(4, "uid", Always)
        .Bool(6, "controller", Pointer)
        .Bool(7, "blockOwnerDeletion", Pointer)
        .Build();

    public static MessageDescriptor ManagedFieldsEntry { get; } = MessageBuilder.Define("ManagedFieldsEntry")
        .String(1, "manager")
        .String(2, "operation")
        .String(3, "apiVersion")
        .Time(4, "time", Pointer)
        .String(6, "fieldsType")
        .FieldsV1(7, "fieldsV1")
        .String(8, "subresource")
        .Build();

    public static MessageDescriptor LabelSelector { get; } = MessageBuilder.Define("LabelSelector")
        .StringMap(1, "matchLabels")
        .Messages(2, "matchExpressions", () => LabelSelectorRequirement)
        .Build();

    public static MessageDescriptor LabelSelectorRequirement { get; } = MessageBuilder.Define("LabelSelectorRequirement")
        .String(1, "key", Always)
        .String(2, "operator", Always)
        .Strings(3, "values")
        .Build();
}
