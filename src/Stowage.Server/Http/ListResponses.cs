using System.Globalization;
using System.Text.Json;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>Writes a <c>&lt;Kind&gt;List</c> from a page, splicing each item's served JSON.</summary>
public static class ListResponses
{
    /// <summary>The list JSON.</summary>
    public static byte[] Write(IResourceStore store, ListPage page)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", store.Kind + "List");
            writer.WriteString("apiVersion", store.ApiVersion);
            WriteListMeta(writer, page);
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(store.Serialize(item), skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Writes the list's "metadata" property.</summary>
    public static void WriteListMeta(Utf8JsonWriter writer, ListPage page)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
        if (page.Continue is not null)
        {
            writer.WriteString("continue", page.Continue);
        }
        if (page.RemainingItemCount is { } remaining)
        {
            writer.WriteNumber("remainingItemCount", remaining);
        }
        writer.WriteEndObject();
    }
}
