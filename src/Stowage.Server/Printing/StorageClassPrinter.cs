using Stowage.Api.Storage;

namespace Stowage.Server.Printing;

/// <summary>
/// <c>kubectl get sc</c>: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE
/// (printStorageClass). The default class reads "standard (default)".
/// </summary>
public sealed class StorageClassPrinter : TablePrinter<StorageClass>
{
    /// <summary>The shared instance.</summary>
    public static StorageClassPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Provisioner", "provisioner indicates the type of the provisioner."),
        StandardColumns.String("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        StandardColumns.String("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature."),
        // Declared "string" upstream although the cell is a JSON boolean; kubectl prints it as false/true.
        StandardColumns.String("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume expand."),
        StandardColumns.Age,
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(StorageClass obj, DateTimeOffset now, TableCellWriter cells)
    {
        var name = obj.Metadata.Name ?? "";
        cells.String(CellFormat.IsDefaultClass(obj.Metadata) ? name + " (default)" : name);
        cells.String(obj.Provisioner);
        cells.String(obj.ReclaimPolicy ?? "Delete");
        cells.String(obj.VolumeBindingMode ?? "Immediate");
        cells.Boolean(obj.AllowVolumeExpansion ?? false);
        cells.Age(obj.Metadata.CreationTimestamp, now);
    }
}
