using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Stowage.Api;
using Stowage.Server.Errors;
using Stowage.Server.Resources;
using Stowage.Storage;

namespace Stowage.Server.Http;

/// <summary>
/// Streams a watch as Kubernetes does: 200, chunked JSON, one <c>{"type","object"}</c> document per
/// line, flushed per event, never compressed or buffered. Ends on timeoutSeconds, client disconnect
/// or server shutdown; history that compaction removed is reported in-stream as a 410 ERROR event.
/// </summary>
public static class WatchStreamer
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(30);

    /// <summary>Streams the watch.</summary>
    public static async Task StreamAsync(HttpContext context, IResourceStore store, string? ns, ListOptions options, TableRequest? table, TimeProvider clock)
    {
        using var timeout = options.TimeoutSeconds is > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds.Value), clock)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        var token = linked.Token;

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(token).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(token).ConfigureAwait(false); // headers out now: clients wait for them

        var body = context.Response.Body;
        var first = true;
        long lastRevision = long.TryParse(options.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
        var nextBookmark = clock.GetUtcNow() + BookmarkInterval;
        var events = store.WatchAsync(ns, options, token).GetAsyncEnumerator(token);
        try
        {
            while (true)
            {
                ObjectEvent? next;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        return;
                    }
                    next = events.Current;
                }
                catch (CompactedException e)
                {
                    var status = StatusErrors.Gone($"too old resource version: {e.RequestedRevision} ({e.CompactedRevision})");
                    await WriteLineAsync(body, "ERROR", JsonSerializer.SerializeToUtf8Bytes(status, ApiJsonContext.Default.Status), token).ConfigureAwait(false);
                    return;
                }
                catch (WatchLaggedException)
                {
                    return; // the client re-watches from its last resourceVersion
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ApiException e)
                {
                    await WriteLineAsync(body, "ERROR", JsonSerializer.SerializeToUtf8Bytes(e.Status, ApiJsonContext.Default.Status), token).ConfigureAwait(false);
                    return;
                }

                lastRevision = Math.Max(lastRevision, next.Revision);
                var change = next;
                var payload = table is null
                    ? (next.Stored is { } stored ? store.Serialize(new StoredObject(stored, _ => change.Object!)) : store.Serialize(next.Object!))
                    : TableResponses.Event(store, next.Object!, table, clock.GetUtcNow(), first);
                first = false;
                await WriteLineAsync(body, TypeName(next.Type), payload, token).ConfigureAwait(false);

                if (options.AllowWatchBookmarks && clock.GetUtcNow() >= nextBookmark)
                {
                    nextBookmark = clock.GetUtcNow() + BookmarkInterval;
                    await WriteLineAsync(body, "BOOKMARK", Bookmark(store, lastRevision), token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Client gone or timeout: the stream simply ends.
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The wire name of an event type.</summary>
    public static string TypeName(ObjectEventType type) => type switch
    {
        ObjectEventType.Added => "ADDED",
        ObjectEventType.Modified => "MODIFIED",
        ObjectEventType.Deleted => "DELETED",
        _ => "BOOKMARK",
    };

    private static byte[] Bookmark(IResourceStore store, long revision) => Encoding.UTF8.GetBytes(
        $"{{\"kind\":\"{store.Kind}\",\"apiVersion\":\"{store.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision.ToString(CultureInfo.InvariantCulture)}\"}}}}");

    private static async Task WriteLineAsync(Stream body, string type, byte[] obj, CancellationToken cancellationToken)
    {
        var head = Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":");
        var line = new byte[head.Length + obj.Length + 2];
        head.CopyTo(line, 0);
        obj.CopyTo(line, head.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        await body.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
