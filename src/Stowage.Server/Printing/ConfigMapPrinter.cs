using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get cm</c>: NAME DATA AGE, DATA = entries of data plus binaryData (printConfigMap).</summary>
public sealed class ConfigMapPrinter : TablePrinter<ConfigMap>
{
    /// <summary>The shared instance.</summary>
    public static ConfigMapPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Data", "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
        StandardColumns.Age,
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(ConfigMap obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.Integer((obj.Data?.Count ?? 0) + (obj.BinaryData?.Count ?? 0));
        cells.Age(obj.Metadata.CreationTimestamp, now);
    }
}
