using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get rc</c>: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR (printReplicationController).</summary>
public sealed class ReplicationControllerPrinter : TablePrinter<ReplicationController>
{
    /// <summary>The shared instance.</summary>
    public static ReplicationControllerPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        new() { Name = "Desired", Type = "integer", Description = "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller" },
        new() { Name = "Current", Type = "integer", Description = "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller" },
        new() { Name = "Ready", Type = "integer", Description = "The number of ready replicas for this replication controller." },
        StandardColumns.Age,
        StandardColumns.String("Containers", WorkloadCells.ContainersDescription, 1),
        StandardColumns.String("Images", WorkloadCells.ImagesDescription, 1),
        StandardColumns.String("Selector", "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(ReplicationController obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.Integer(obj.Spec?.Replicas ?? 0);
        cells.Integer(obj.Status?.Replicas ?? 0);
        cells.Integer(obj.Status?.ReadyReplicas ?? 0);
        cells.Age(obj.Metadata.CreationTimestamp, now);
        var (names, images) = WorkloadCells.Containers(obj.Spec?.Template);
        cells.String(names);
        cells.String(images);
        cells.String(WorkloadCells.FormatLabels(obj.Spec?.Selector));
    }
}
