using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary>
/// <c>kubectl get pv</c>: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
/// VOLUMEATTRIBUTESCLASS REASON AGE, plus VOLUMEMODE with <c>-o wide</c> (printPersistentVolume).
/// </summary>
public sealed class PersistentVolumePrinter : TablePrinter<PersistentVolume>
{
    /// <summary>The shared instance.</summary>
    public static PersistentVolumePrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Capacity", "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
        StandardColumns.String("Access Modes", "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
        StandardColumns.String("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
        StandardColumns.String("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
        StandardColumns.String("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
        StandardColumns.String("StorageClass", "StorageClass of the pv"),
        StandardColumns.String("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
        StandardColumns.String("Reason", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        StandardColumns.Age,
        StandardColumns.String("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.", priority: 1),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(PersistentVolume obj, DateTimeOffset now, TableCellWriter cells)
    {
        var spec = obj.Spec;
        var claim = spec?.ClaimRef is { } claimRef ? claimRef.Namespace + "/" + claimRef.Name : "";
        // A volume being deleted (waiting on its pv-protection finalizer) shows Terminating, whatever its phase.
        var phase = obj.Metadata.DeletionTimestamp is not null ? "Terminating" : obj.Status?.Phase;

        cells.String(obj.Metadata.Name);
        cells.String(CellFormat.Storage(spec?.Capacity));
        cells.String(CellFormat.AccessModes(spec?.AccessModes));
        cells.String(spec?.PersistentVolumeReclaimPolicy);
        cells.String(phase);
        cells.String(claim);
        cells.String(CellFormat.StorageClass(obj.Metadata, spec?.StorageClassName));
        cells.String(spec?.VolumeAttributesClassName ?? "<unset>");
        cells.String(obj.Status?.Reason);
        cells.Age(obj.Metadata.CreationTimestamp, now);
        cells.String(spec?.VolumeMode ?? "<unset>");
    }
}
