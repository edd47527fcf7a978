using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get ns</c>: NAME STATUS AGE (printNamespace).</summary>
public sealed class NamespacePrinter : TablePrinter<Namespace>
{
    /// <summary>The shared instance.</summary>
    public static NamespacePrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Status", "The status of the namespace"),
        StandardColumns.Age,
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Namespace obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.String(obj.Status?.Phase);
        cells.Age(obj.Metadata.CreationTimestamp, now);
    }
}
