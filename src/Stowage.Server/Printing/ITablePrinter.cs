using System.Text.Json.Nodes;

namespace Stowage.Server.Printing;

/// <summary>TEMPORARY: replaced by the printing module.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ITablePrinter<in T>
{
    /// <summary>Cells.</summary>
    IReadOnlyList<JsonNode?> Cells(T obj, DateTimeOffset now);
}
