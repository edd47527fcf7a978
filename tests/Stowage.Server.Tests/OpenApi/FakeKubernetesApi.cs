using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stowage.Server.OpenApi;

namespace Stowage.Server.Tests.OpenApi;

/// <summary>
/// Just enough of an API server for kubectl's explain and create: /version (minor 32, so the
/// installed dispatcher runs kubectl 1.32), legacy discovery, the OpenAPI v3 documents under
/// test, and a POST that echoes the object. It records every request so tests can assert what
/// kubectl sent. Loopback only, on a port the OS picks.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OpenApiDocuments _documents;
    private readonly IReadOnlyList<OpenApiResource> _resources;

    private FakeKubernetesApi(WebApplication app, OpenApiDocuments documents, IReadOnlyList<OpenApiResource> resources)
    {
        _app = app;
        _documents = documents;
        _resources = resources;
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request, as "METHOD /path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeKubernetesApi> StartAsync(IReadOnlyList<OpenApiResource> resources, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeKubernetesApi(app, new OpenApiDocuments(resources), resources);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseAddress = new Uri(address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        Requests.Enqueue(request.Method + " " + path + request.QueryString.Value);
        var resources = _resources.Where(r => "/" + r.GroupVersionPath == path).ToList();

        switch (request.Method, path)
        {
            case ("GET", "/version"):
                await JsonAsync(context, 200, new JsonObject
                {
                    ["major"] = "1", ["minor"] = "32", ["gitVersion"] = OpenApiDocuments.KubernetesVersion,
                    ["gitCommit"] = "0000000000000000000000000000000000000000", ["gitTreeState"] = "clean",
                    ["buildDate"] = "2025-04-22T00:00:00Z", ["goVersion"] = "go1.23.8", ["compiler"] = "gc", ["platform"] = "linux/amd64",
                });
                break;
            case ("GET", "/api"):
                await JsonAsync(context, 200, new JsonObject
                {
                    ["kind"] = "APIVersions",
                    ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = BaseAddress.Authority }),
                });
                break;
            case ("GET", "/apis"):
                await JsonAsync(context, 200, GroupList());
                break;
            case ("GET", _) when resources.Count > 0:
                await JsonAsync(context, 200, ResourceList(resources));
                break;
            case ("GET", "/openapi/v3"):
                await BytesAsync(context, 200, _documents.Index);
                break;
            case ("GET", _) when path.StartsWith("/openapi/v3/", StringComparison.Ordinal):
                var lookup = _documents.Lookup(path, request.Query["hash"]);
                if (lookup.Outcome == OpenApiLookupOutcome.NotFound)
                {
                    await NotFoundAsync(context);
                    break;
                }
                context.Response.Headers.CacheControl = lookup.CacheControl;
                context.Response.Headers.ETag = lookup.Document!.ETag;
                if (lookup.Outcome == OpenApiLookupOutcome.Moved)
                {
                    context.Response.StatusCode = 301;
                    context.Response.Headers.Location = lookup.Location;
                    break;
                }
                await BytesAsync(context, 200, lookup.Document.Content);
                break;
            case ("POST", _):
                // Echo the object back as created: kubectl prints "<resource>/<name> created".
                var created = await JsonNode.ParseAsync(request.Body);
                await JsonAsync(context, 201, created!);
                break;
            default:
                await NotFoundAsync(context);
                break;
        }
    }

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var group in _resources.Where(r => r.Group.Length > 0).Select(r => (r.Group, r.Version)).Distinct())
        {
            var version = new JsonObject { ["groupVersion"] = group.Group + "/" + group.Version, ["version"] = group.Version };
            groups.Add(new JsonObject
            {
                ["name"] = group.Group,
                ["versions"] = new JsonArray(version),
                ["preferredVersion"] = version.DeepClone(),
            });
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject ResourceList(IReadOnlyList<OpenApiResource> resources)
    {
        var list = new JsonArray();
        foreach (var resource in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Kind.ToLowerInvariant(),
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray([.. resource.Verbs.Select(v => (JsonNode)JsonValue.Create(v))]),
            };
            var shortName = resource.Plural switch
            {
                "persistentvolumes" => "pv",
                "persistentvolumeclaims" => "pvc",
                "storageclasses" => "sc",
                "namespaces" => "ns",
                "configmaps" => "cm",
                _ => null,
            };
            if (shortName is not null)
            {
                entry["shortNames"] = new JsonArray(shortName);
            }
            list.Add(entry);
        }
        var groupVersion = resources[0].Group.Length == 0 ? resources[0].Version : resources[0].Group + "/" + resources[0].Version;
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = list };
    }

    private static Task NotFoundAsync(HttpContext context) =>
        JsonAsync(context, 404, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
            ["message"] = "the server could not find the requested resource", ["reason"] = "NotFound", ["code"] = 404,
        });

    private static Task JsonAsync(HttpContext context, int status, JsonNode body) =>
        BytesAsync(context, status, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static async Task BytesAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
