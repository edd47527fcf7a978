using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get secrets</c>: NAME TYPE DATA AGE, DATA an integer cell (printSecret).</summary>
public sealed class SecretPrinter : TablePrinter<Secret>
{
    /// <summary>The shared instance.</summary>
    public static SecretPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Type", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
        StandardColumns.String("Data", "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
        StandardColumns.Age,
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Secret obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.String(obj.Type);
        // stringData is write-only and merged into data on write, so only data counts.
        cells.Integer(obj.Data?.Count ?? 0);
        cells.Age(obj.Metadata.CreationTimestamp, now);
    }
}
