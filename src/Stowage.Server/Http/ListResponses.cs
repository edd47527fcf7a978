using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>Writes a <c>&lt;Kind&gt;List</c> from a page, serialising each item straight into the response.</summary>
/// <remarks>
/// A list that fits in one buffer goes out in one write with a Content-Length; a larger one streams a buffer
/// at a time (chunked), as kube-apiserver's lists do. Streaming keeps a 100,000-item LIST from building the
/// whole document (and a copy of it) in memory before the first byte leaves.
/// </remarks>
public static class ListResponses
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Writes the list JSON as a 200 response.</summary>
    public static async Task WriteAsync(HttpContext context, IResourceStore store, ListPage page)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = ApiResponses.Json;
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        await using var writer = new Utf8JsonWriter(buffer);
        var streaming = false;
        writer.WriteStartObject();
        writer.WriteString("kind", store.Kind + "List");
        writer.WriteString("apiVersion", store.ApiVersion);
        WriteListMeta(writer, page);
        writer.WriteStartArray("items");
        if (page.Stored is { } stored)
        {
            // The items are exactly the stored pairs: serve their stored JSON with the resourceVersion written in,
            // without decoding and re-encoding each object.
            writer.Flush();
            for (var i = 0; i < stored.Count; i++)
            {
                if (i > 0)
                {
                    buffer.Write(","u8);
                }
                store.WriteStored(buffer, stored[i]);
                if (buffer.WrittenCount >= FlushThreshold)
                {
                    streaming = true;
                    await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                }
            }
            buffer.Write("]}"u8);
        }
        else
        {
            foreach (var item in page.Items)
            {
                store.Serialize(writer, item);
                if (writer.BytesPending + buffer.WrittenCount >= FlushThreshold)
                {
                    // JsonSerializer flushes the writer into the buffer; the response is written asynchronously only
                    // here, since a synchronous write to an ASP.NET Core response body throws.
                    writer.Flush();
                    streaming = true;
                    await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
        }
        if (!streaming)
        {
            response.ContentLength = buffer.WrittenCount;
        }
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
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
