using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary>
/// <c>kubectl get pvc</c>: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS
/// AGE, plus VOLUMEMODE with <c>-o wide</c> (printPersistentVolumeClaim).
/// </summary>
public sealed class PersistentVolumeClaimPrinter : TablePrinter<PersistentVolumeClaim>
{
    /// <summary>The shared instance.</summary>
    public static PersistentVolumeClaimPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Status", "phase represents the current phase of PersistentVolumeClaim."),
        StandardColumns.String("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        StandardColumns.String("Capacity", "capacity represents the actual resources of the underlying volume."),
        StandardColumns.String("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
        StandardColumns.String("StorageClass", "StorageClass of the pvc"),
        StandardColumns.String("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
        StandardColumns.Age,
        StandardColumns.String("VolumeMode", "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.", priority: 1),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(PersistentVolumeClaim obj, DateTimeOffset now, TableCellWriter cells)
    {
        var spec = obj.Spec;
        var phase = obj.Metadata.DeletionTimestamp is not null ? "Terminating" : obj.Status?.Phase;
        var volumeName = spec?.VolumeName ?? "";

        // Capacity and access modes come from the bound volume (copied into status by the binder), so
        // they show only once spec.volumeName is set, even if status carries something earlier.
        string capacity = "", accessModes = "";
        if (volumeName.Length > 0)
        {
            capacity = CellFormat.Storage(obj.Status?.Capacity);
            accessModes = CellFormat.AccessModes(obj.Status?.AccessModes);
        }

        cells.String(obj.Metadata.Name);
        cells.String(phase);
        cells.String(volumeName);
        cells.String(capacity);
        cells.String(accessModes);
        cells.String(CellFormat.StorageClass(obj.Metadata, spec?.StorageClassName));
        cells.String(spec?.VolumeAttributesClassName ?? "<unset>");
        cells.Age(obj.Metadata.CreationTimestamp, now);
        cells.String(spec?.VolumeMode ?? "<unset>");
    }
}
