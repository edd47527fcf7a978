using Stowage.Api.Coordination;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get leases</c>: NAME HOLDER AGE (printLease).</summary>
public sealed class LeasePrinter : TablePrinter<Lease>
{
    /// <summary>The shared instance.</summary>
    public static LeasePrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Holder", "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
        StandardColumns.Age,
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Lease obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.String(obj.Spec?.HolderIdentity);
        cells.Age(obj.Metadata.CreationTimestamp, now);
    }
}
