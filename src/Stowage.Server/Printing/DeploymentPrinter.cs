using System.Globalization;
using Stowage.Api.Apps;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get deploy</c>: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR (printDeployment).</summary>
public sealed class DeploymentPrinter : TablePrinter<Deployment>
{
    /// <summary>The shared instance.</summary>
    public static DeploymentPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Ready", "Number of the pod with ready state"),
        StandardColumns.String("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        StandardColumns.String("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        StandardColumns.Age,
        StandardColumns.String("Containers", WorkloadCells.ContainersDescription, 1),
        StandardColumns.String("Images", WorkloadCells.ImagesDescription, 1),
        StandardColumns.String("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Deployment obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.String(string.Create(CultureInfo.InvariantCulture, $"{obj.Status?.ReadyReplicas ?? 0}/{obj.Spec?.Replicas ?? 0}"));
        cells.Integer(obj.Status?.UpdatedReplicas ?? 0);
        cells.Integer(obj.Status?.AvailableReplicas ?? 0);
        cells.Age(obj.Metadata.CreationTimestamp, now);
        var (names, images) = WorkloadCells.Containers(obj.Spec?.Template);
        cells.String(names);
        cells.String(images);
        cells.String(WorkloadCells.SelectorString(obj.Spec?.Selector));
    }
}
