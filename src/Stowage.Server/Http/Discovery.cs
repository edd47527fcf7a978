using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>
/// API discovery: the legacy documents (APIVersions, APIGroupList, APIResourceList) and the
/// aggregated v2 form, which kubectl recognises only by its Content-Type. Built once from the catalog.
/// </summary>
public sealed class Discovery
{
    /// <summary>The aggregated discovery media type.</summary>
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private readonly ResourceCatalog _catalog;
    private readonly byte[] _aggregatedCore;
    private readonly byte[] _aggregatedGroups;
    private readonly byte[] _groupList;

    /// <summary>Builds the documents.</summary>
    public Discovery(ResourceCatalog catalog)
    {
        _catalog = catalog;
        _aggregatedCore = Aggregated(catalog.Definitions.Where(d => d.Group.Length == 0).ToList(), core: true);
        _aggregatedGroups = Aggregated(catalog.Definitions.Where(d => d.Group.Length > 0).ToList(), core: false);
        _groupList = GroupList();
    }

    /// <summary>Serves /api, /apis, /api/v1, /apis/{group}[/{version}]; false if the path is none of these.</summary>
    public async Task<bool> TryServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        var aggregated = context.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        if (path == "/api")
        {
            await (aggregated
                ? ApiResponses.WriteJsonAsync(context, 200, _aggregatedCore, AggregatedContentType)
                : ApiResponses.WriteJsonAsync(context, 200, ApiVersions(context))).ConfigureAwait(false);
            return true;
        }
        if (path == "/apis")
        {
            await (aggregated
                ? ApiResponses.WriteJsonAsync(context, 200, _aggregatedGroups, AggregatedContentType)
                : ApiResponses.WriteJsonAsync(context, 200, _groupList)).ConfigureAwait(false);
            return true;
        }
        var segments = path.Trim('/').Split('/');
        if (segments is ["api", var v] && _catalog.GroupVersions.Contains(("", v)))
        {
            await ApiResponses.WriteJsonAsync(context, 200, ResourceList("", v)).ConfigureAwait(false);
            return true;
        }
        if (segments is ["apis", var g, var gv] && _catalog.GroupVersions.Contains((g, gv)))
        {
            await ApiResponses.WriteJsonAsync(context, 200, ResourceList(g, gv)).ConfigureAwait(false);
            return true;
        }
        if (segments is ["apis", var group] && _catalog.GroupVersions.Any(x => x.Group == group))
        {
            await ApiResponses.WriteJsonAsync(context, 200, Group(group)).ConfigureAwait(false);
            return true;
        }
        return false;
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    private static byte[] ApiVersions(HttpContext context) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIVersions");
        w.WriteStartArray("versions");
        w.WriteStringValue("v1");
        w.WriteEndArray();
        w.WriteStartArray("serverAddressByClientCIDRs");
        w.WriteStartObject();
        w.WriteString("clientCIDR", "0.0.0.0/0");
        w.WriteString("serverAddress", context.Request.Host.Value);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private IEnumerable<string> Groups => _catalog.GroupVersions.Where(x => x.Group.Length > 0).Select(x => x.Group).Distinct();

    private void WriteGroup(Utf8JsonWriter w, string group)
    {
        var versions = _catalog.GroupVersions.Where(x => x.Group == group).Select(x => x.Version).ToList();
        w.WriteStartObject();
        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var v in versions)
        {
            w.WriteStartObject();
            w.WriteString("groupVersion", $"{group}/{v}");
            w.WriteString("version", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("preferredVersion");
        w.WriteString("groupVersion", $"{group}/{versions[0]}");
        w.WriteString("version", versions[0]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private byte[] GroupList() => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupList");
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("groups");
        foreach (var g in Groups)
        {
            WriteGroup(w, g);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private byte[] Group(string group) => Write(w =>
    {
        using var inner = new MemoryStream();
        w.WriteStartObject();
        w.WriteString("kind", "APIGroup");
        w.WriteString("apiVersion", "v1");
        var versions = _catalog.GroupVersions.Where(x => x.Group == group).Select(x => x.Version).ToList();
        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var v in versions)
        {
            w.WriteStartObject();
            w.WriteString("groupVersion", $"{group}/{v}");
            w.WriteString("version", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("preferredVersion");
        w.WriteString("groupVersion", $"{group}/{versions[0]}");
        w.WriteString("version", versions[0]);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private byte[] ResourceList(string group, string version) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIResourceList");
        w.WriteString("apiVersion", "v1");
        w.WriteString("groupVersion", group.Length == 0 ? version : $"{group}/{version}");
        w.WriteStartArray("resources");
        foreach (var d in _catalog.Definitions.Where(d => d.Group == group && d.Version == version))
        {
            w.WriteStartObject();
            w.WriteString("name", d.Plural);
            w.WriteString("singularName", d.Singular);
            w.WriteBoolean("namespaced", d.Namespaced);
            w.WriteString("kind", d.Kind);
            WriteStrings(w, "verbs", d.Verbs);
            if (d.ShortNames.Count > 0) WriteStrings(w, "shortNames", d.ShortNames);
            if (d.Categories.Count > 0) WriteStrings(w, "categories", d.Categories);
            w.WriteEndObject();
            foreach (var (sub, kind, verbs) in d.Subresources)
            {
                w.WriteStartObject();
                w.WriteString("name", $"{d.Plural}/{sub}");
                w.WriteString("singularName", "");
                w.WriteBoolean("namespaced", d.Namespaced);
                if (sub == "scale")
                {
                    w.WriteString("group", "autoscaling");
                    w.WriteString("version", "v1");
                }
                w.WriteString("kind", kind);
                WriteStrings(w, "verbs", verbs);
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] Aggregated(IReadOnlyList<ResourceDefinition> definitions, bool core) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupDiscoveryList");
        w.WriteString("apiVersion", "apidiscovery.k8s.io/v2");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteStartArray("items");
        foreach (var byGroup in definitions.GroupBy(d => d.Group))
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            if (!core) w.WriteString("name", byGroup.Key);
            w.WriteNull("creationTimestamp");
            w.WriteEndObject();
            w.WriteStartArray("versions");
            foreach (var byVersion in byGroup.GroupBy(d => d.Version))
            {
                w.WriteStartObject();
                w.WriteString("version", byVersion.Key);
                w.WriteString("freshness", "Current");
                w.WriteStartArray("resources");
                foreach (var d in byVersion)
                {
                    w.WriteStartObject();
                    w.WriteString("resource", d.Plural);
                    WriteKind(w, "responseKind", d);
                    w.WriteString("scope", d.Namespaced ? "Namespaced" : "Cluster");
                    w.WriteString("singularResource", d.Singular);
                    WriteStrings(w, "verbs", d.Verbs);
                    if (d.ShortNames.Count > 0) WriteStrings(w, "shortNames", d.ShortNames);
                    if (d.Categories.Count > 0) WriteStrings(w, "categories", d.Categories);
                    if (d.Subresources.Any())
                    {
                        w.WriteStartArray("subresources");
                        foreach (var (sub, kind, verbs) in d.Subresources)
                        {
                            w.WriteStartObject();
                            w.WriteString("subresource", sub);
                            if (sub == "scale")
                            {
                                WriteKind(w, "responseKind", "autoscaling", "v1", kind);
                            }
                            else
                            {
                                WriteKind(w, "responseKind", d.Group, d.Version, kind);
                            }
                            WriteStrings(w, "verbs", verbs);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteKind(Utf8JsonWriter w, string name, ResourceDefinition d) => WriteKind(w, name, d.Group, d.Version, d.Kind);

    private static void WriteKind(Utf8JsonWriter w, string name, string group, string version, string kind)
    {
        w.WriteStartObject(name);
        w.WriteString("group", group);
        w.WriteString("version", version);
        w.WriteString("kind", kind);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
