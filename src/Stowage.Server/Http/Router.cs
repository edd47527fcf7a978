using System.Text;
using Microsoft.AspNetCore.Http;
using Stowage.Server.Errors;
using Stowage.Server.Hosting;
using Stowage.Server.NodeProxy;
using Stowage.Server.OpenApi;
using Stowage.Server.Resources;
using Stowage.Server.Security;

namespace Stowage.Server.Http;

/// <summary>
/// The request pipeline: health and version (open to all, as Kubernetes' public-info-viewer role),
/// then authentication (401 without a valid bearer token), then discovery, OpenAPI and resources.
/// Every failure leaves as a Status.
/// </summary>
public sealed class Router
{
    private readonly ResourceHandler _resources;
    private readonly Discovery _discovery;
    private readonly BearerTokenAuthenticator _authenticator;
    private readonly OpenApiDocuments _openApi;
    private readonly MetricsRegistry _metrics;

    /// <summary>Creates the pipeline.</summary>
    public Router(ResourceCatalog catalog, ClusterCredentials credentials, TimeProvider clock, MetricsRegistry metrics, NodeConnector nodes)
    {
        _metrics = metrics;
        _resources = new ResourceHandler(catalog, new FieldChecker(), clock, nodes);
        _discovery = new Discovery(catalog);
        _authenticator = BearerTokenAuthenticator.ForAdmin(credentials.AdminToken);
        _openApi = new OpenApiDocuments(catalog.Definitions.Select(d =>
            new OpenApiResource(d.Group, d.Version, d.Kind, d.Plural, d.Namespaced, d.Store.ObjectType, d.Store.HasStatus, d.Verbs)
            {
                Subresources = [.. d.ExtraSubresources.Select(s => new OpenApiSubresource(s.Name, s.Kind, s.Verbs, s.Connect, s.BodyType, s.Produces,
                    [.. s.Parameters.Select(p => (p.Name, p.Type, p.Description))]))],
            }));
    }

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            switch (path)
            {
                case "/healthz" or "/livez" or "/readyz":
                    await WritePlainAsync(context, "ok").ConfigureAwait(false);
                    return;
                case "/version":
                    await ApiResponses.WriteJsonAsync(context, 200, VersionInfo.Json).ConfigureAwait(false);
                    return;
            }
            if (_authenticator.Authenticate(context.Request.Headers.Authorization.ToString()) is null)
            {
                throw new ApiException(StatusErrors.Unauthorized());
            }
            if (path == "/metrics")
            {
                using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                await _metrics.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), context.RequestAborted).ConfigureAwait(false);
                return;
            }
            if (await _discovery.TryServeAsync(context).ConfigureAwait(false))
            {
                return;
            }
            if (path == "/openapi/v3" || path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
            {
                await ServeOpenApiAsync(context, path).ConfigureAwait(false);
                return;
            }
            var apiPath = ApiPath.Parse(path) ?? throw new ApiException(StatusErrors.PathNotFound());
            await _resources.HandleAsync(context, apiPath).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await ApiResponses.WriteErrorAsync(context, e).ConfigureAwait(false);
        }
    }

    private async Task ServeOpenApiAsync(HttpContext context, string path)
    {
        if (path == "/openapi/v3")
        {
            await ApiResponses.WriteJsonAsync(context, 200, _openApi.Index).ConfigureAwait(false);
            return;
        }
        var lookup = _openApi.Lookup(path, context.Request.Query["hash"].ToString() is { Length: > 0 } h ? h : null);
        switch (lookup.Outcome)
        {
            case OpenApiLookupOutcome.Found:
                context.Response.Headers.CacheControl = lookup.CacheControl;
                context.Response.Headers.ETag = lookup.Document!.ETag;
                await ApiResponses.WriteJsonAsync(context, 200, lookup.Document.Content).ConfigureAwait(false);
                return;
            case OpenApiLookupOutcome.Moved:
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = lookup.Location;
                return;
            default:
                throw new ApiException(StatusErrors.PathNotFound());
        }
    }

    private static async Task WritePlainAsync(HttpContext context, string text)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
    }
}
