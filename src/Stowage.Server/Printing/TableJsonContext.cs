using System.Text.Json.Serialization;

namespace Stowage.Server.Printing;

/// <summary>
/// Source-generated JSON contract of the <see cref="Table"/> records, for reading tables (and writing
/// small ones). The LIST path does not go through it: <see cref="TableWriter{T}"/> writes rows straight
/// to a <see cref="System.Text.Json.Utf8JsonWriter"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Table))]
[JsonSerializable(typeof(TableColumnDefinition[]))]
[JsonSerializable(typeof(IReadOnlyList<TableRowCondition>))]
public sealed partial class TableJsonContext : JsonSerializerContext;
