using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Stowage.Api;
using Stowage.Api.Meta;
using Stowage.Server.Errors;
using Stowage.Server.NodeProxy;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>
/// Serves the verbs of every resource URL: maps method + path + query to a store call and the
/// result to a response (object, list, Table or watch stream). All errors surface as Status
/// responses through <see cref="ApiResponses.WriteErrorAsync"/>.
/// </summary>
public sealed class ResourceHandler
{
    private readonly ResourceCatalog _catalog;
    private readonly FieldChecker _fieldChecker;
    private readonly TimeProvider _clock;
    private readonly NodeConnector _nodes;

    /// <summary>Creates the handler; <paramref name="nodes"/> reaches the node agents for streaming subresources.</summary>
    public ResourceHandler(ResourceCatalog catalog, FieldChecker fieldChecker, TimeProvider clock, NodeConnector nodes)
    {
        _catalog = catalog;
        _fieldChecker = fieldChecker;
        _clock = clock;
        _nodes = nodes;
    }

    /// <summary>Handles one request for a resource path.</summary>
    public async Task HandleAsync(HttpContext context, ApiPath path)
    {
        // /api/v1/namespaces/{name}/status|finalize parses as a namespaced "status" resource: put it right.
        if (path.Namespace is not null && path.Name is null && path.Group.Length == 0 && path.Resource is "status" or "finalize")
        {
            path = new ApiPath("", path.Version, null, "namespaces", path.Namespace, path.Resource);
        }
        var definition = _catalog.Find(path.Group, path.Version, path.Resource)
            ?? throw new ApiException(StatusErrors.PathNotFound());
        var store = definition.Store;
        if (path.Namespace is not null && !definition.Namespaced)
        {
            throw new ApiException(StatusErrors.PathNotFound());
        }
        var subresource = path.Subresource;
        if (subresource == "scale" && definition.Scale is not null && path.Name is not null)
        {
            await ScaleHandler.HandleAsync(context, definition, path.Namespace, path.Name).ConfigureAwait(false);
            return;
        }
        if (subresource is not null && path.Name is not null && definition.FindSubresource(subresource) is { } extra)
        {
            await extra.Handler.HandleAsync(new SubresourceRequest(context, definition, path.Namespace, path.Name, _catalog, _nodes)).ConfigureAwait(false);
            return;
        }
        if (subresource is not null && !(subresource == "status" && store.HasStatus) && !(subresource == "finalize" && path.Resource == "namespaces"))
        {
            throw new ApiException(StatusErrors.PathNotFound());
        }
        var ns = path.Namespace;
        var request = context.Request;
        var method = request.Method;

        if (path.Name is null)
        {
            switch (method)
            {
                case "GET" when QueryOptions.IsWatch(request):
                    await WatchStreamer.StreamAsync(context, store, ns, QueryOptions.List(request, store), TableRequest.Parse(request), _clock).ConfigureAwait(false);
                    return;
                case "GET":
                    await ListAsync(context, store, ns).ConfigureAwait(false);
                    return;
                case "POST":
                    await CreateAsync(context, store, ns).ConfigureAwait(false);
                    return;
                case "DELETE":
                    await DeleteCollectionAsync(context, store, ns).ConfigureAwait(false);
                    return;
                default:
                    throw new ApiException(StatusErrors.MethodNotSupported(path.Resource, method));
            }
        }

        var name = path.Name;
        switch (method)
        {
            case "GET":
                await WriteObjectAsync(context, store, 200, await store.GetAsync(ns, name, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                return;
            case "PUT":
                await UpdateAsync(context, store, ns, name, subresource).ConfigureAwait(false);
                return;
            case "PATCH":
                await PatchAsync(context, store, ns, name, subresource).ConfigureAwait(false);
                return;
            case "DELETE" when subresource is null:
                await DeleteAsync(context, store, ns, name).ConfigureAwait(false);
                return;
            default:
                throw new ApiException(StatusErrors.MethodNotSupported(path.Resource, method));
        }
    }

    private async Task ListAsync(HttpContext context, IResourceStore store, string? ns)
    {
        var options = QueryOptions.List(context.Request, store);
        var page = await store.ListAsync(ns, options, context.RequestAborted).ConfigureAwait(false);
        var table = TableRequest.Parse(context.Request);
        if (table is not null)
        {
            await TableResponses.WriteListAsync(context, store, page, table, _clock.GetUtcNow()).ConfigureAwait(false);
            return;
        }
        await ListResponses.WriteAsync(context, store, page).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, IResourceStore store, string? ns)
    {
        var body = await ReadObjectAsync(context, store).ConfigureAwait(false);
        var options = QueryOptions.Write(context.Request, null);
        var created = await store.CreateAsync(ns, body, options, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, store, 201, created).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, IResourceStore store, string? ns, string name, string? subresource)
    {
        var body = await ReadObjectAsync(context, store).ConfigureAwait(false);
        var options = QueryOptions.Write(context.Request, subresource);
        var updated = await store.UpdateAsync(ns, name, body, options, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, store, 200, updated).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, IResourceStore store, string? ns, string name, string? subresource)
    {
        var mediaType = RequestBody.MediaType(context);
        var type = mediaType switch
        {
            "application/json-patch+json" => PatchType.Json,
            "application/merge-patch+json" => PatchType.Merge,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            "application/apply-patch+yaml" => PatchType.Apply,
            _ => throw new ApiException(StatusErrors.UnsupportedMediaType(mediaType)),
        };
        var bytes = await RequestBody.ReadBytesAsync(context).ConfigureAwait(false);
        var (json, node) = RequestBody.Parse(bytes, mediaType);
        if (type != PatchType.Json)
        {
            if (node is not JsonObject)
            {
                throw new ApiException(StatusErrors.BadRequest("the body of the request was not a JSON object"));
            }
            if (type == PatchType.StrategicMerge)
            {
                _fieldChecker.CheckStrategicMergePatch(context, store, node);
            }
            else
            {
                _fieldChecker.Check(context, store, json, type == PatchType.Apply ? "Strict" : null);
            }
        }
        var options = QueryOptions.Write(context.Request, subresource);
        if (type == PatchType.Apply && !context.Request.Query.ContainsKey("fieldManager"))
        {
            throw new ApiException(StatusErrors.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set"));
        }
        var (result, created) = await store.PatchAsync(ns, name, new PatchRequest(type, node), options, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, store, created ? 201 : 200, result).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, IResourceStore store, string? ns, string name)
    {
        var options = await ReadDeleteOptionsAsync(context).ConfigureAwait(false);
        var dryRun = context.Request.Query["dryRun"].ToString() == "All" || options.DryRun?.Contains("All") == true;
        var result = await store.DeleteAsync(ns, name, options, dryRun, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, store, 200, new StoredObject(result.Object)).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext context, IResourceStore store, string? ns)
    {
        var options = await ReadDeleteOptionsAsync(context).ConfigureAwait(false);
        var dryRun = context.Request.Query["dryRun"].ToString() == "All" || options.DryRun?.Contains("All") == true;
        var page = await store.DeleteCollectionAsync(ns, QueryOptions.List(context.Request, store), options, dryRun, context.RequestAborted).ConfigureAwait(false);
        await ListResponses.WriteAsync(context, store, page).ConfigureAwait(false);
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context)
    {
        var bytes = await RequestBody.ReadBytesAsync(context).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return new DeleteOptions();
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, ApiJsonContext.Default.DeleteOptions) ?? new DeleteOptions();
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"error decoding DeleteOptions: {e.Message}"));
        }
    }

    /// <summary>The body as JSON bytes holding one object, its fields checked per fieldValidation.</summary>
    private async Task<byte[]> ReadObjectAsync(HttpContext context, IResourceStore store)
    {
        var bytes = await RequestBody.ReadBytesAsync(context).ConfigureAwait(false);
        var json = RequestBody.ParseObject(bytes, RequestBody.MediaType(context));
        _fieldChecker.Check(context, store, json, null);
        return json;
    }

    private async Task WriteObjectAsync(HttpContext context, IResourceStore store, int code, StoredObject obj)
    {
        var table = TableRequest.Parse(context.Request);
        var bytes = table is null
            ? store.Serialize(obj)
            : TableResponses.Single(store, obj.Object, table, _clock.GetUtcNow());
        await ApiResponses.WriteJsonAsync(context, code, bytes).ConfigureAwait(false);
    }
}
