using System.Text.Json.Nodes;
using Stowage.Api.Meta;
using Stowage.Server.Printing;

namespace Stowage.Server.Strategies;

/// <summary>TEMPORARY until the printing module lands.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class TemporaryPrinter<T> : ITablePrinter<T>
    where T : IApiObject
{
    /// <inheritdoc/>
    public IReadOnlyList<JsonNode?> Cells(T obj, DateTimeOffset now) => [JsonValue.Create(obj.Metadata.Name)];
}
