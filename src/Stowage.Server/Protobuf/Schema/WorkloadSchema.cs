using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// The workloads' protobuf messages (apps/v1 Deployment and ReplicaSet, core/v1
/// ReplicationController and PodTemplateSpec), field numbers from k8s.io/api's generated.proto.
/// kubectl 1.32 sends <c>create deployment</c> as protobuf.
/// </summary>
internal static class WorkloadSchema
{
    public static MessageDescriptor PodTemplateSpec { get; } = MessageBuilder.Define("PodTemplateSpec")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => PodSchema.PodSpec, Always)
        .Build();

    public static MessageDescriptor Deployment { get; } = MessageBuilder.Define("Deployment")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => DeploymentSpec, Always)
        .Message(3, "status", () => DeploymentStatus, Always)
        .Build();

    public static MessageDescriptor DeploymentSpec { get; } = MessageBuilder.Define("DeploymentSpec")
        .Int32(1, "replicas", Pointer)
        .Message(2, "selector", () => MetaV1Schema.LabelSelector)
        .Message(3, "template", () => PodTemplateSpec, Always)
        .Message(4, "strategy", () => DeploymentStrategy, Always)
        .Int32(5, "minReadySeconds")
        .Int32(6, "revisionHistoryLimit", Pointer)
        .Bool(7, "paused")
        .Int32(9, "progressDeadlineSeconds", Pointer)
        .Build();

    public static MessageDescriptor DeploymentStrategy { get; } = MessageBuilder.Define("DeploymentStrategy")
        .String(1, "type")
        .Message(2, "rollingUpdate", () => RollingUpdateDeployment)
        .Build();

    public static MessageDescriptor RollingUpdateDeployment { get; } = MessageBuilder.Define("RollingUpdateDeployment")
        .IntOrString(1, "maxUnavailable", Pointer)
        .IntOrString(2, "maxSurge", Pointer)
        .Build();

    public static MessageDescriptor DeploymentStatus { get; } = MessageBuilder.Define("DeploymentStatus")
        .Int64(1, "observedGeneration")
        .Int32(2, "replicas")
        .Int32(3, "updatedReplicas")
        .Int32(7, "readyReplicas")
        .Int32(4, "availableReplicas")
        .Int32(5, "unavailableReplicas")
        .Int32(8, "collisionCount", Pointer)
        .Build();

    public static MessageDescriptor ReplicaSet { get; } = MessageBuilder.Define("ReplicaSet")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => ReplicaSetSpec, Always)
        .Message(3, "status", () => ReplicaSetStatus, Always)
        .Build();

    public static MessageDescriptor ReplicaSetSpec { get; } = MessageBuilder.Define("ReplicaSetSpec")
        .Int32(1, "replicas", Pointer)
        .Int32(4, "minReadySeconds")
        .Message(2, "selector", () => MetaV1Schema.LabelSelector)
        .Message(3, "template", () => PodTemplateSpec, Always)
        .Build();

    public static MessageDescriptor ReplicaSetStatus { get; } = MessageBuilder.Define("ReplicaSetStatus")
        .Int32(1, "replicas", Always)
        .Int32(2, "fullyLabeledReplicas")
        .Int32(4, "readyReplicas")
        .Int32(5, "availableReplicas")
        .Int64(3, "observedGeneration")
        .Build();

    public static MessageDescriptor ReplicationController { get; } = MessageBuilder.Define("ReplicationController")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => ReplicationControllerSpec, Always)
        .Message(3, "status", () => ReplicaSetStatus, Always)
        .Build();

    public static MessageDescriptor ReplicationControllerSpec { get; } = MessageBuilder.Define("ReplicationControllerSpec")
        .Int32(1, "replicas", Pointer)
        .Int32(4, "minReadySeconds")
        .StringMap(2, "selector")
        .Message(3, "template", () => PodTemplateSpec)
        .Build();
}
