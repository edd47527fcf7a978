using System.Buffers;
using System.Text.Json;
using Stowage.Api;
using Stowage.Api.Meta;

namespace Stowage.Server.Printing;

/// <summary>
/// Writes a meta.k8s.io/v1 Table of objects of one kind straight to JSON. This is the LIST and GET hot
/// path when kubectl asks for <c>as=Table</c>: rows go out as they are printed, with no intermediate
/// row objects and no second serialisation of full objects.
/// </summary>
/// <remarks>
/// A whole table is <see cref="Write"/> (or <see cref="WriteAsync"/> to a stream). A watch event wraps
/// one table in <c>{"type":…,"object":…}</c>: write the envelope's start, then <see cref="WriteStart"/>,
/// <see cref="WriteRow"/> once, <see cref="WriteEnd"/>, then close the envelope.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed class TableWriter<T>
    where T : IApiObject
{
    private static readonly JsonEncodedText KindProperty = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText ApiVersionProperty = JsonEncodedText.Encode("apiVersion");
    private static readonly JsonEncodedText MetadataProperty = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText ColumnDefinitionsProperty = JsonEncodedText.Encode("columnDefinitions");
    private static readonly JsonEncodedText RowsProperty = JsonEncodedText.Encode("rows");
    private static readonly JsonEncodedText CellsProperty = JsonEncodedText.Encode("cells");
    private static readonly JsonEncodedText ConditionsProperty = JsonEncodedText.Encode("conditions");
    private static readonly JsonEncodedText ObjectProperty = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText MetaV1 = JsonEncodedText.Encode("meta.k8s.io/v1");
    private static readonly JsonEncodedText TableKind = JsonEncodedText.Encode("Table");
    private static readonly JsonEncodedText PartialObjectMetadataKind = JsonEncodedText.Encode("PartialObjectMetadata");

    // Flush to the stream once this much is buffered, so a large LIST streams in bounded memory.
    private const int FlushThreshold = 64 * 1024;

    private readonly TablePrinter<T> _printer;
    private readonly byte[] _columnDefinitionsJson;

    /// <summary>A writer for tables printed by <paramref name="printer"/>.</summary>
    public TableWriter(TablePrinter<T> printer)
    {
        _printer = printer;
        // The column definitions never change: render them once.
        _columnDefinitionsJson = JsonSerializer.SerializeToUtf8Bytes(
            printer.Columns.ToArray(), TableJsonContext.Default.TableColumnDefinitionArray);
    }

    /// <summary>The printer.</summary>
    public TablePrinter<T> Printer => _printer;

    /// <summary>Writes a whole Table of <paramref name="items"/>.</summary>
    public void Write(Utf8JsonWriter writer, IEnumerable<TableItem<T>> items, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        WriteStart(writer, options.Metadata, options.IncludeColumnDefinitions);
        foreach (var item in items)
        {
            WriteRow(writer, item, options.Now, options.IncludeObject);
        }
        WriteEnd(writer);
    }

    /// <summary>Writes a whole Table of <paramref name="items"/> to <paramref name="stream"/>, flushing as it goes.</summary>
    /// <remarks>
    /// Rows are rendered into a buffer and copied to the stream asynchronously: JsonSerializer flushes
    /// the writer it is given, and a synchronous write to an ASP.NET Core response body throws.
    /// </remarks>
    public async Task WriteAsync(Stream stream, IEnumerable<TableItem<T>> items, TableOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        await using var writer = new Utf8JsonWriter(buffer);
        WriteStart(writer, options.Metadata, options.IncludeColumnDefinitions);
        foreach (var item in items)
        {
            WriteRow(writer, item, options.Now, options.IncludeObject);
            if (writer.BytesPending + buffer.WrittenCount >= FlushThreshold)
            {
                await CopyAsync(writer, buffer, stream, cancellationToken).ConfigureAwait(false);
            }
        }
        WriteEnd(writer);
        await CopyAsync(writer, buffer, stream, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the table's opening: kind, apiVersion, metadata, columnDefinitions, and opens rows.</summary>
    public void WriteStart(Utf8JsonWriter writer, ListMeta metadata, bool includeColumnDefinitions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metadata);
        writer.WriteStartObject();
        writer.WriteString(KindProperty, TableKind);
        writer.WriteString(ApiVersionProperty, MetaV1);
        writer.WritePropertyName(MetadataProperty);
        WriteListMeta(writer, metadata);
        writer.WritePropertyName(ColumnDefinitionsProperty);
        if (includeColumnDefinitions)
        {
            writer.WriteRawValue(_columnDefinitionsJson, skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
        writer.WritePropertyName(RowsProperty);
        writer.WriteStartArray();
    }

    /// <summary>Writes one row: the object's cells, conditions if any, and the object as <paramref name="includeObject"/> asks.</summary>
    /// <exception cref="ArgumentException">The policy is Object and the item carries no JSON.</exception>
    public void WriteRow(Utf8JsonWriter writer, TableItem<T> item, DateTimeOffset now, IncludeObjectPolicy includeObject)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var obj = item.Value;
        writer.WriteStartObject();

        writer.WritePropertyName(CellsProperty);
        writer.WriteStartArray();
        _printer.WriteCells(obj, now, new TableCellWriter(writer));
        writer.WriteEndArray();

        if (_printer.Conditions(obj) is { } conditions)
        {
            writer.WritePropertyName(ConditionsProperty);
            JsonSerializer.Serialize(writer, conditions, TableJsonContext.Default.IReadOnlyListTableRowCondition);
        }

        writer.WritePropertyName(ObjectProperty);
        switch (includeObject)
        {
            case IncludeObjectPolicy.None:
                writer.WriteNullValue();
                break;
            case IncludeObjectPolicy.Metadata:
                writer.WriteStartObject();
                writer.WriteString(KindProperty, PartialObjectMetadataKind);
                writer.WriteString(ApiVersionProperty, MetaV1);
                writer.WritePropertyName(MetadataProperty);
                JsonSerializer.Serialize(writer, obj.Metadata, ApiJsonContext.Default.ObjectMeta);
                writer.WriteEndObject();
                break;
            case IncludeObjectPolicy.Object:
                if (item.Json.IsEmpty)
                {
                    throw new ArgumentException("includeObject=Object needs the object's serialised JSON", nameof(item));
                }
                // Trusted bytes this server serialised; validating them would double the cost of the row.
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(includeObject), includeObject, "unknown includeObject policy");
        }

        writer.WriteEndObject();
    }

    /// <summary>Closes rows and the table.</summary>
    public void WriteEnd(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task CopyAsync(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, Stream stream, CancellationToken cancellationToken)
    {
        writer.Flush();
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }

    // metav1.ListMeta: every field omitempty, so an empty one is {}.
    private static void WriteListMeta(Utf8JsonWriter writer, ListMeta metadata)
    {
        writer.WriteStartObject();
        if (!string.IsNullOrEmpty(metadata.ResourceVersion))
        {
            writer.WriteString("resourceVersion", metadata.ResourceVersion);
        }
        if (!string.IsNullOrEmpty(metadata.Continue))
        {
            writer.WriteString("continue", metadata.Continue);
        }
        if (metadata.RemainingItemCount is { } remaining)
        {
            writer.WriteNumber("remainingItemCount", remaining);
        }
        writer.WriteEndObject();
    }
}
