using System.Text.Json.Serialization;
using Stowage.Api.Meta;

namespace Stowage.Server.Printing;

/// <summary>
/// A server-side rendering of objects as rows and columns (meta.k8s.io/v1 Table), what kubectl asks
/// for with <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>. The server writes it with
/// <see cref="TableWriter{T}"/>; this record is the same shape for reading one (tests, clients).
/// </summary>
public sealed record Table
{
    /// <summary>Always "Table".</summary>
    public string Kind { get; init; } = "Table";

    /// <summary>Always "meta.k8s.io/v1".</summary>
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";

    /// <summary>The list's resourceVersion and paging state.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>The columns; null in every watch event after the first, as the real server sends it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<TableColumnDefinition>? ColumnDefinitions { get; init; }

    /// <summary>One row per object.</summary>
    public IReadOnlyList<TableRow> Rows { get; init; } = [];
}
