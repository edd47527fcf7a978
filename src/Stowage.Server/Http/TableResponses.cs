using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>Table responses (kubectl's human-readable get) for lists, single objects and watch events.</summary>
public static class TableResponses
{
    /// <summary>Writes a Table of a list page as a 200 response, streaming a buffer at a time.</summary>
    public static async Task WriteListAsync(HttpContext context, IResourceStore store, ListPage page, TableRequest request, DateTimeOffset now)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = ApiResponses.Json;
        var meta = new ListMeta
        {
            ResourceVersion = page.ResourceVersion.ToString(CultureInfo.InvariantCulture),
            Continue = page.Continue,
            RemainingItemCount = page.RemainingItemCount,
        };
        await store.WriteTableAsync(context.Response.Body, page.Items, meta, now, request.Include, includeColumnDefinitions: true, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A one-row Table of one object (its resourceVersion is the table's, as Kubernetes does).</summary>
    public static byte[] Single(IResourceStore store, IApiObject obj, TableRequest request, DateTimeOffset now) =>
        Write(store, [obj], new ListMeta { ResourceVersion = obj.Metadata.ResourceVersion }, request, now, true);

    /// <summary>A watch event's Table (column definitions only in the first).</summary>
    public static byte[] Event(IResourceStore store, IApiObject obj, TableRequest request, DateTimeOffset now, bool withColumns) =>
        Write(store, [obj], new ListMeta(), request, now, withColumns);

    private static byte[] Write(IResourceStore store, IReadOnlyList<IApiObject> items, ListMeta meta, TableRequest request, DateTimeOffset now, bool withColumns)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            store.WriteTable(writer, items, meta, now, request.Include, withColumns);
        }
        return buffer.ToArray();
    }
}
