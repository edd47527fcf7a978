using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Stowage.Server.Printing;

/// <summary>One row of a <see cref="Table"/> (metav1.TableRow).</summary>
public sealed record TableRow
{
    /// <summary>One JSON string, integer or boolean per column, in column order.</summary>
    public IReadOnlyList<JsonNode?> Cells { get; init; } = [];

    /// <summary>Row conditions (only "Completed" exists, on finished pods); omitted when null.</summary>
    public IReadOnlyList<TableRowCondition>? Conditions { get; init; }

    /// <summary>
    /// A PartialObjectMetadata, the full object, or null, as the request's <c>includeObject</c> asks.
    /// Serialised even when null, as the real server does.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? Object { get; init; }
}
