using System.Globalization;
using System.Text.Json.Nodes;

namespace Stowage.Server.OpenApi;

/// <summary>
/// Builds the paths of one group-version's document: for each resource the collection and item
/// paths (and the all-namespaces list for namespaced kinds, and /status when served), with one
/// operation per served verb, named and tagged as Kubernetes names them. Every write operation
/// lists the dryRun, fieldManager and fieldValidation query parameters: kubectl delegates
/// validation to the server only when the kind's PATCH operation declares fieldValidation.
/// </summary>
internal sealed class OpenApiPaths
{
    private readonly OpenApiDescriptions _descriptions;
    private readonly SortedDictionary<string, JsonObject> _paths = new(StringComparer.Ordinal);

    public OpenApiPaths(OpenApiDescriptions descriptions) => _descriptions = descriptions;

    /// <summary>References to the shared schemas the operations use.</summary>
    public sealed record Schemas(string Kind, string List, string Status, string DeleteOptions, string Patch);

    /// <summary>Adds the paths of <paramref name="resource"/>.</summary>
    public void Add(OpenApiResource resource, Schemas schemas)
    {
        var root = "/" + resource.GroupVersionPath;
        var scope = resource.Namespaced ? root + "/namespaces/{namespace}/" + resource.Plural : root + "/" + resource.Plural;
        var names = new OperationNames(resource);
        var gvk = new JsonObject { ["group"] = resource.Group, ["kind"] = resource.Kind, ["version"] = resource.Version };

        var collection = PathItem(resource, item: false);
        if (resource.Serves("list"))
        {
            collection["get"] = Operation(
                $"list or watch objects of kind {resource.Kind}", names.Id("list", ""), "list", gvk, names.Tag,
                ListParameters(), requestBody: null, Responses(schemas.List, "200"));
        }
        if (resource.Serves("create"))
        {
            collection["post"] = Operation(
                $"create {Article(resource.Kind)} {resource.Kind}", names.Id("create", ""), "post", gvk, names.Tag,
                WriteParameters(), Body(schemas.Kind), Responses(schemas.Kind, "200", "201", "202"));
        }
        if (resource.Serves("deletecollection"))
        {
            collection["delete"] = Operation(
                $"delete collection of {resource.Kind}", names.CollectionId(), "deletecollection", gvk, names.Tag,
                [.. DeleteParameters(), .. ListParameters()], Body(schemas.DeleteOptions, required: false), Responses(schemas.Status, "200"));
        }
        Put(scope, collection);

        var item = PathItem(resource, item: true);
        if (resource.Serves("get"))
        {
            item["get"] = Operation(
                $"read the specified {resource.Kind}", names.Id("read", ""), "get", gvk, names.Tag,
                [], requestBody: null, Responses(schemas.Kind, "200"));
        }
        if (resource.Serves("update"))
        {
            item["put"] = Operation(
                $"replace the specified {resource.Kind}", names.Id("replace", ""), "put", gvk, names.Tag,
                WriteParameters(), Body(schemas.Kind), Responses(schemas.Kind, "200", "201"));
        }
        if (resource.Serves("patch"))
        {
            item["patch"] = Operation(
                $"partially update the specified {resource.Kind}", names.Id("patch", ""), "patch", gvk, names.Tag,
                [.. WriteParameters(), Query("force", "boolean")], PatchBody(schemas.Patch), Responses(schemas.Kind, "200", "201"));
        }
        if (resource.Serves("delete"))
        {
            item["delete"] = Operation(
                $"delete {Article(resource.Kind)} {resource.Kind}", names.Id("delete", ""), "delete", gvk, names.Tag,
                DeleteParameters(), Body(schemas.DeleteOptions, required: false), Responses(schemas.Kind, "200", "202"));
        }
        Put(scope + "/{name}", item);

        if (resource.HasStatus)
        {
            var status = PathItem(resource, item: true);
            if (resource.Serves("get"))
            {
                status["get"] = Operation(
                    $"read status of the specified {resource.Kind}", names.Id("read", "Status"), "get", gvk, names.Tag,
                    [], requestBody: null, Responses(schemas.Kind, "200"));
            }
            if (resource.Serves("update"))
            {
                status["put"] = Operation(
                    $"replace status of the specified {resource.Kind}", names.Id("replace", "Status"), "put", gvk, names.Tag,
                    WriteParameters(), Body(schemas.Kind), Responses(schemas.Kind, "200", "201"));
            }
            if (resource.Serves("patch"))
            {
                status["patch"] = Operation(
                    $"partially update status of the specified {resource.Kind}", names.Id("patch", "Status"), "patch", gvk, names.Tag,
                    [.. WriteParameters(), Query("force", "boolean")], PatchBody(schemas.Patch), Responses(schemas.Kind, "200", "201"));
            }
            Put(scope + "/{name}/status", status);
        }

        if (resource.Namespaced && resource.Serves("list"))
        {
            var all = new JsonObject
            {
                ["get"] = Operation(
                    $"list or watch objects of kind {resource.Kind}", names.AllNamespacesId(), "list", gvk, names.Tag,
                    ListParameters(), requestBody: null, Responses(schemas.List, "200")),
                ["parameters"] = new JsonArray(Query("pretty", "string")),
            };
            Put(root + "/" + resource.Plural, all);
        }
    }

    /// <summary>
    /// Adds a subresource's path: GET (read…, or connect…Get for streams) when it serves "get", POST
    /// (create…, or connect…Post) when it serves "create". Streams answer a string in their MIME type;
    /// a POST with a body answers that body's kind.
    /// </summary>
    public void AddSubresource(OpenApiResource resource, OpenApiSubresource sub, string? bodyDefinition)
    {
        var root = "/" + resource.GroupVersionPath;
        var scope = resource.Namespaced ? root + "/namespaces/{namespace}/" + resource.Plural : root + "/" + resource.Plural;
        var names = new OperationNames(resource);
        var gvk = new JsonObject { ["group"] = resource.Group, ["kind"] = sub.Kind, ["version"] = resource.Version };
        var suffix = char.ToUpper(sub.Name[0], CultureInfo.InvariantCulture) + sub.Name[1..];
        JsonObject[] Parameters() => [.. sub.Parameters.Select(p => Query(p.Name, p.Type, p.Description))];
        var item = PathItem(resource, item: true);
        if (sub.Verbs.Contains("get"))
        {
            item["get"] = sub.Connect
                ? Operation($"connect GET requests to {sub.Name} of {resource.Kind}", names.ConnectId("Get", suffix), "connect", gvk, names.Tag,
                    Parameters(), requestBody: null, StringResponses(sub.Produces))
                : Operation($"read {sub.Name} of the specified {resource.Kind}", names.Id("read", suffix), "get", gvk, names.Tag,
                    Parameters(), requestBody: null, StringResponses(sub.Produces));
        }
        if (sub.Verbs.Contains("create"))
        {
            item["post"] = sub.Connect || bodyDefinition is null
                ? Operation($"connect POST requests to {sub.Name} of {resource.Kind}", names.ConnectId("Post", suffix), "connect", gvk, names.Tag,
                    Parameters(), requestBody: null, StringResponses(sub.Produces))
                : Operation($"create {sub.Name} of {Article(resource.Kind)} {resource.Kind}", names.Id("create", suffix), "post", gvk, names.Tag,
                    Parameters(), Body(bodyDefinition), Responses(bodyDefinition, "200", "201", "202"));
        }
        Put(scope + "/{name}/" + sub.Name, item);
    }

    /// <summary>The paths, sorted.</summary>
    public JsonObject Build()
    {
        var result = new JsonObject();
        foreach (var (path, item) in _paths)
        {
            result[path] = item;
        }
        return result;
    }

    private void Put(string path, JsonObject item)
    {
        // A path item with nothing but its parameters describes no operation: leave it out.
        if (item.Count > 1)
        {
            _paths[path] = item;
        }
    }

    private JsonObject PathItem(OpenApiResource resource, bool item)
    {
        var parameters = new JsonArray();
        if (item)
        {
            parameters.Add(PathParameter("name", $"name of the {resource.Kind}"));
        }
        if (resource.Namespaced)
        {
            parameters.Add(PathParameter("namespace", _descriptions.ForParameter("namespace") ?? ""));
        }
        parameters.Add(Query("pretty", "string"));
        return new JsonObject { ["parameters"] = parameters };
    }

    private static JsonObject Operation(
        string description, string operationId, string action, JsonObject gvk, string tag,
        IEnumerable<JsonObject> parameters, JsonObject? requestBody, JsonObject responses)
    {
        var operation = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = operationId,
        };
        var list = new JsonArray([.. parameters]);
        if (list.Count > 0)
        {
            operation["parameters"] = list;
        }
        if (requestBody is not null)
        {
            operation["requestBody"] = requestBody;
        }
        operation["responses"] = responses;
        operation["tags"] = new JsonArray(tag);
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = gvk.DeepClone();
        return operation;
    }

    private JsonObject[] WriteParameters() =>
        [Query("dryRun", "string"), Query("fieldManager", "string"), Query("fieldValidation", "string")];

    private JsonObject[] ListParameters() =>
    [
        Query("allowWatchBookmarks", "boolean"), Query("continue", "string"), Query("fieldSelector", "string"),
        Query("labelSelector", "string"), Query("limit", "integer"), Query("resourceVersion", "string"),
        Query("resourceVersionMatch", "string"), Query("timeoutSeconds", "integer"), Query("watch", "boolean"),
    ];

    private JsonObject[] DeleteParameters() =>
    [
        Query("dryRun", "string"), Query("gracePeriodSeconds", "integer"),
        Query("orphanDependents", "boolean"), Query("propagationPolicy", "string"),
    ];

    private JsonObject Query(string name, string type, string? description = null) => new()
    {
        ["description"] = description ?? _descriptions.ForParameter(name),
        ["in"] = "query",
        ["name"] = name,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["description"] = description,
        ["in"] = "path",
        ["name"] = name,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Body(string definition, bool required = true)
    {
        var body = new JsonObject
        {
            ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = ComponentSchemas.Ref(definition) } },
        };
        if (required)
        {
            body["required"] = true;
        }
        return body;
    }

    private static JsonObject PatchBody(string patch)
    {
        var content = new JsonObject();
        foreach (var type in (string[])["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"])
        {
            content[type] = new JsonObject { ["schema"] = ComponentSchemas.Ref(patch) };
        }
        return new JsonObject { ["content"] = content, ["required"] = true };
    }

    private static JsonObject Responses(string definition, params string[] codes)
    {
        var responses = new JsonObject();
        foreach (var code in codes)
        {
            responses[code] = new JsonObject
            {
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ComponentSchemas.Ref(definition) } },
                ["description"] = code switch { "201" => "Created", "202" => "Accepted", _ => "OK" },
            };
        }
        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    private static JsonObject StringResponses(string mediaType) => new()
    {
        ["200"] = new JsonObject
        {
            ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
            ["description"] = "OK",
        },
        ["401"] = new JsonObject { ["description"] = "Unauthorized" },
    };

    private static string Article(string kind) => "AEIOU".Contains(kind[0], StringComparison.Ordinal) ? "an" : "a";

    // Kubernetes' operation ids and tags: createCoreV1NamespacedPersistentVolumeClaim, core_v1.
    private sealed class OperationNames
    {
        private readonly OpenApiResource _resource;
        private readonly string _groupVersion;

        public OperationNames(OpenApiResource resource)
        {
            _resource = resource;
            var group = resource.Group.Length == 0 ? "core" : resource.Group.Replace(".k8s.io", "", StringComparison.Ordinal);
            var parts = group.Split('.');
            var camel = parts[0] + string.Concat(parts.Skip(1).Select(Capitalize));
            _groupVersion = Capitalize(camel) + Capitalize(resource.Version);
            Tag = camel + "_" + resource.Version;
        }

        public string Tag { get; }

        public string Id(string verb, string suffix) =>
            verb + _groupVersion + (_resource.Namespaced ? "Namespaced" : "") + _resource.Kind + suffix;

        public string CollectionId() =>
            "delete" + _groupVersion + "Collection" + (_resource.Namespaced ? "Namespaced" : "") + _resource.Kind;

        public string ConnectId(string method, string suffix) =>
            "connect" + _groupVersion + method + (_resource.Namespaced ? "Namespaced" : "") + _resource.Kind + suffix;

        public string AllNamespacesId() => "list" + _groupVersion + _resource.Kind + "ForAllNamespaces";

        private static string Capitalize(string s) =>
            s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
    }
}
