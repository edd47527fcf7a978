using System.Globalization;
using System.Text.Json;
using Stowage.Api.Meta;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>TEMPORARY table rendering until the printing module lands.</summary>
public static class TableResponses
{
    /// <summary>A Table of a list page.</summary>
    public static byte[] List(IResourceStore store, ListPage page, TableRequest request, DateTimeOffset now) =>
        Write(store, page.Items, page.ResourceVersion.ToString(CultureInfo.InvariantCulture), page.Continue, request, now, true);

    /// <summary>A one-row Table of one object.</summary>
    public static byte[] Single(IResourceStore store, IApiObject obj, TableRequest request, DateTimeOffset now) =>
        Write(store, [obj], obj.Metadata.ResourceVersion ?? "", null, request, now, true);

    /// <summary>A watch event's Table (column definitions only in the first).</summary>
    public static byte[] Event(IResourceStore store, IApiObject obj, TableRequest request, DateTimeOffset now, bool withColumns) =>
        Write(store, [obj], null, null, request, now, withColumns);

    private static byte[] Write(IResourceStore store, IReadOnlyList<IApiObject> items, string? rv, string? cont, TableRequest request, DateTimeOffset now, bool withColumns)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Table");
            writer.WriteString("apiVersion", "meta.k8s.io/v1");
            writer.WriteStartObject("metadata");
            if (rv is not null) writer.WriteString("resourceVersion", rv);
            if (cont is not null) writer.WriteString("continue", cont);
            writer.WriteEndObject();
            if (withColumns)
            {
                writer.WriteStartArray("columnDefinitions");
                writer.WriteStartObject();
                writer.WriteString("name", "Name");
                writer.WriteString("type", "string");
                writer.WriteString("format", "name");
                writer.WriteString("description", "");
                writer.WriteNumber("priority", 0);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNull("columnDefinitions");
            }
            writer.WriteStartArray("rows");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("cells");
                foreach (var cell in store.Cells(item, now))
                {
                    if (cell is null) writer.WriteNullValue(); else cell.WriteTo(writer);
                }
                writer.WriteEndArray();
                if (request.Include == IncludeObject.Object)
                {
                    writer.WritePropertyName("object");
                    writer.WriteRawValue(store.Serialize(item), true);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
