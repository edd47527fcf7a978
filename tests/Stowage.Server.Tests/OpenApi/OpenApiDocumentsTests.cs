using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Server.OpenApi;

namespace Stowage.Server.Tests.OpenApi;

public class OpenApiDocumentsTests
{
    private static readonly OpenApiDocuments Documents = new(ServedResources.All);

    private static JsonNode Document(string path)
    {
        Assert.True(Documents.TryGet(path, out var document), $"no document {path}");
        return JsonNode.Parse(document.Content.Span)!;
    }

    private static JsonObject Schema(string path, string definition) =>
        Document(path)["components"]!["schemas"]![definition]!.AsObject();

    private static JsonObject Field(string path, string definition, string field) =>
        Schema(path, definition)["properties"]![field]!.AsObject();

    [Fact]
    public void Index_lists_every_group_version_at_its_hashed_url()
    {
        var index = JsonNode.Parse(Documents.Index.Span)!["paths"]!.AsObject();

        Assert.Equal(
            ["api/v1", "apis/coordination.k8s.io/v1", "apis/events.k8s.io/v1", "apis/storage.k8s.io/v1"],
            index.Select(p => p.Key));
        Assert.True(Documents.TryGet("api/v1", out var core));
        Assert.Equal("/openapi/v3/api/v1?hash=" + core.Hash, (string?)index["api/v1"]!["serverRelativeURL"]);
    }

    [Fact]
    public void Hash_is_the_uppercase_sha512_of_the_document()
    {
        foreach (var document in Documents.Documents)
        {
            Assert.Equal(Convert.ToHexString(SHA512.HashData(document.Content.Span)), document.Hash);
            Assert.Matches("^[0-9A-F]{128}$", document.Hash);
            Assert.Equal("\"" + document.Hash + "\"", document.ETag);
        }
    }

    [Fact]
    public void Building_again_gives_the_same_bytes()
    {
        var again = new OpenApiDocuments([.. ServedResources.All.Reverse()]);

        Assert.Equal(Documents.Index.ToArray(), again.Index.ToArray());
        Assert.Equal(Documents.Documents.Select(d => d.Hash), again.Documents.Select(d => d.Hash));
    }

    [Theory]
    [InlineData("api/v1")]
    [InlineData("/api/v1")]
    [InlineData("/openapi/v3/api/v1")]
    [InlineData("/openapi/v3/apis/storage.k8s.io/v1")]
    public void Finds_documents_by_path(string path)
    {
        Assert.True(Documents.TryGet(path, out _));
    }

    [Fact]
    public void Current_hash_is_immutable_stale_hash_redirects_and_unknown_path_is_not_found()
    {
        Assert.True(Documents.TryGet("api/v1", out var core));

        var current = Documents.Lookup("/openapi/v3/api/v1", core.Hash);
        Assert.Equal(OpenApiLookupOutcome.Found, current.Outcome);
        Assert.Equal("public, immutable", current.CacheControl);

        var unhashed = Documents.Lookup("/openapi/v3/api/v1", null);
        Assert.Equal(OpenApiLookupOutcome.Found, unhashed.Outcome);
        Assert.Equal("no-cache, private", unhashed.CacheControl);

        var stale = Documents.Lookup("/openapi/v3/api/v1", "ABC");
        Assert.Equal(OpenApiLookupOutcome.Moved, stale.Outcome);
        Assert.Equal(core.ServerRelativeUrl, stale.Location);

        Assert.Equal(OpenApiLookupOutcome.NotFound, Documents.Lookup("/openapi/v3/apis/apps/v1", null).Outcome);
    }

    [Fact]
    public void Document_header_names_kubernetes_1_32()
    {
        var document = Document("api/v1");

        Assert.Equal("3.0.0", (string?)document["openapi"]);
        Assert.Equal("Kubernetes", (string?)document["info"]!["title"]);
        Assert.Equal("v1.32.4", (string?)document["info"]!["version"]);
    }

    [Fact]
    public void Every_patch_operation_declares_field_validation_so_kubectl_validates_on_the_server()
    {
        foreach (var resource in ServedResources.All.Where(r => r.Serves("patch")))
        {
            var paths = Document(resource.GroupVersionPath)["paths"]!.AsObject();
            var patches = paths
                .Select(p => p.Value!["patch"])
                .Where(op => op is not null && (string?)op["x-kubernetes-group-version-kind"]!["kind"] == resource.Kind)
                .ToList();

            Assert.NotEmpty(patches);
            foreach (var patch in patches)
            {
                var names = patch!["parameters"]!.AsArray().Select(p => ((string?)p!["name"], (string?)p["in"]));
                Assert.Contains(("fieldValidation", "query"), names);
                Assert.Contains(("fieldManager", "query"), names);
                Assert.Contains(("dryRun", "query"), names);
            }
        }
    }

    [Fact]
    public void Namespaced_kinds_have_namespaced_item_and_status_paths()
    {
        var paths = Document("api/v1")["paths"]!.AsObject();

        var item = paths["/api/v1/namespaces/{namespace}/persistentvolumeclaims/{name}"]!;
        Assert.Equal("patchCoreV1NamespacedPersistentVolumeClaim", (string?)item["patch"]!["operationId"]);
        Assert.Equal("patch", (string?)item["patch"]!["x-kubernetes-action"]);
        Assert.Equal("PersistentVolumeClaim", (string?)item["patch"]!["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("", (string?)item["patch"]!["x-kubernetes-group-version-kind"]!["group"]);
        Assert.NotNull(item["put"]);
        Assert.NotNull(item["delete"]);
        Assert.NotNull(paths["/api/v1/namespaces/{namespace}/persistentvolumeclaims/{name}/status"]!["patch"]);
        Assert.Equal("list", (string?)paths["/api/v1/persistentvolumeclaims"]!["get"]!["x-kubernetes-action"]);
        Assert.Equal("post", (string?)paths["/api/v1/namespaces/{namespace}/persistentvolumeclaims"]!["post"]!["x-kubernetes-action"]);
        Assert.Null(paths["/api/v1/namespaces/{namespace}/secrets/{name}/status"]);
    }

    [Fact]
    public void Cluster_scoped_kinds_have_plain_paths()
    {
        var paths = Document("apis/storage.k8s.io/v1")["paths"]!.AsObject();

        Assert.Equal(
            ["/apis/storage.k8s.io/v1/storageclasses", "/apis/storage.k8s.io/v1/storageclasses/{name}"],
            paths.Select(p => p.Key));
        var post = paths["/apis/storage.k8s.io/v1/storageclasses"]!["post"]!;
        Assert.Equal("createStorageV1StorageClass", (string?)post["operationId"]);
        Assert.Equal("storage_v1", (string?)post["tags"]![0]);
        Assert.Equal("#/components/schemas/io.k8s.api.storage.v1.StorageClass", (string?)post["requestBody"]!["content"]!["*/*"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void Kinds_carry_their_group_version_kind()
    {
        var pv = Schema("api/v1", "io.k8s.api.core.v1.PersistentVolume");
        var gvk = pv["x-kubernetes-group-version-kind"]!.AsArray().Single()!;
        Assert.Equal(("", "PersistentVolume", "v1"), ((string?)gvk["group"], (string?)gvk["kind"], (string?)gvk["version"]));

        var sc = Schema("apis/storage.k8s.io/v1", "io.k8s.api.storage.v1.StorageClass");
        Assert.Equal("storage.k8s.io", (string?)sc["x-kubernetes-group-version-kind"]![0]!["group"]);
        Assert.Equal("PersistentVolumeList", (string?)Schema("api/v1", "io.k8s.api.core.v1.PersistentVolumeList")["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Null(Schema("api/v1", "io.k8s.api.core.v1.PersistentVolumeSpec")["x-kubernetes-group-version-kind"]);
    }

    [Fact]
    public void Object_fields_reference_their_schema_through_allOf()
    {
        var spec = Field("api/v1", "io.k8s.api.core.v1.PersistentVolume", "spec");

        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.PersistentVolumeSpec", (string?)spec["allOf"]![0]!["$ref"]);
        Assert.Equal("{}", spec["default"]!.ToJsonString());
        Assert.StartsWith("spec defines a specification of a persistent volume", (string?)spec["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void Access_modes_are_an_atomic_list_of_strings_without_enum()
    {
        var accessModes = Field("api/v1", "io.k8s.api.core.v1.PersistentVolumeSpec", "accessModes");

        Assert.Equal("array", (string?)accessModes["type"]);
        Assert.Equal("""{"default":"","type":"string"}""", accessModes["items"]!.ToJsonString());
        Assert.Equal("atomic", (string?)accessModes["x-kubernetes-list-type"]);
        Assert.Equal(
            "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes",
            (string?)accessModes["description"]);
    }

    [Theory]
    [InlineData("api/v1", "io.k8s.api.core.v1.PersistentVolumeSpec", "persistentVolumeReclaimPolicy", "Delete,Recycle,Retain")]
    [InlineData("api/v1", "io.k8s.api.core.v1.PersistentVolumeSpec", "volumeMode", "Block,Filesystem")]
    [InlineData("api/v1", "io.k8s.api.core.v1.PersistentVolumeStatus", "phase", "Available,Bound,Failed,Pending,Released")]
    [InlineData("api/v1", "io.k8s.api.core.v1.PersistentVolumeClaimStatus", "phase", "Bound,Lost,Pending")]
    [InlineData("apis/storage.k8s.io/v1", "io.k8s.api.storage.v1.StorageClass", "volumeBindingMode", "Immediate,WaitForFirstConsumer")]
    public void Closed_string_sets_are_enums_with_their_meanings_described(string path, string definition, string field, string values)
    {
        var schema = Field(path, definition, field);

        Assert.Equal(values.Split(','), schema["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("Possible enum values:", (string?)schema["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void Apimachinery_scalars_have_named_schemas()
    {
        var quantity = Schema("api/v1", "io.k8s.apimachinery.pkg.api.resource.Quantity");
        Assert.Equal("""[{"type":"string"},{"type":"number"}]""", quantity["oneOf"]!.ToJsonString());
        Assert.StartsWith("Quantity is a fixed-point representation of a number.", (string?)quantity["description"], StringComparison.Ordinal);

        var time = Schema("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        Assert.Equal(("string", "date-time"), ((string?)time["type"], (string?)time["format"]));

        var capacity = Field("api/v1", "io.k8s.api.core.v1.PersistentVolumeSpec", "capacity");
        Assert.Equal("object", (string?)capacity["type"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity", (string?)capacity["additionalProperties"]!["$ref"]);

        var eventTime = Field("api/v1", "io.k8s.api.core.v1.Event", "eventTime");
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime", (string?)eventTime["allOf"]![0]!["$ref"]);
        var created = Field("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp");
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time", (string?)created["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void Integers_carry_their_width_and_bytes_are_base64_strings()
    {
        Assert.Equal("int64", (string?)Field("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation")["format"]);
        Assert.Equal("int32", (string?)Field("api/v1", "io.k8s.api.core.v1.ISCSIPersistentVolumeSource", "lun")["format"]);
        Assert.Equal("int32", (string?)Field("apis/coordination.k8s.io/v1", "io.k8s.api.coordination.v1.LeaseSpec", "leaseDurationSeconds")["format"]);
        Assert.Equal("""{"format":"byte","type":"string"}""", Field("api/v1", "io.k8s.api.core.v1.Secret", "data")["additionalProperties"]!.ToJsonString());
    }

    [Fact]
    public void List_semantics_become_kubernetes_extensions()
    {
        var owners = Field("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences");
        Assert.Equal("map", (string?)owners["x-kubernetes-list-type"]);
        Assert.Equal("""["uid"]""", owners["x-kubernetes-list-map-keys"]!.ToJsonString());
        Assert.Equal("uid", (string?)owners["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)owners["x-kubernetes-patch-strategy"]);
        Assert.Equal("""{"allOf":[{"$ref":"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"}],"default":{}}""", owners["items"]!.ToJsonString());

        var finalizers = Field("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers");
        Assert.Equal(("set", "merge"), ((string?)finalizers["x-kubernetes-list-type"], (string?)finalizers["x-kubernetes-patch-strategy"]));

        var conditions = Field("api/v1", "io.k8s.api.core.v1.PersistentVolumeClaimStatus", "conditions");
        Assert.Equal(("map", "type"), ((string?)conditions["x-kubernetes-list-type"], (string?)conditions["x-kubernetes-patch-merge-key"]));
    }

    [Fact]
    public void Required_fields_and_atomic_structs_are_declared()
    {
        Assert.Equal("""["path"]""", Schema("api/v1", "io.k8s.api.core.v1.HostPathVolumeSource")["required"]!.ToJsonString());
        Assert.Equal("""["provisioner"]""", Schema("apis/storage.k8s.io/v1", "io.k8s.api.storage.v1.StorageClass")["required"]!.ToJsonString());
        Assert.Equal("""["apiVersion","kind","name","uid"]""", Schema("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference")["required"]!.ToJsonString());
        Assert.Equal("", (string?)Field("api/v1", "io.k8s.api.core.v1.HostPathVolumeSource", "path")["default"]);
        Assert.Null(Schema("api/v1", "io.k8s.api.core.v1.PersistentVolume")["required"]);
        Assert.Equal("atomic", (string?)Schema("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")["x-kubernetes-map-type"]);
    }

    [Fact]
    public void Opaque_fields_preserve_unknown_fields_and_fields_v1_has_its_schema()
    {
        var azureDisk = Field("api/v1", "io.k8s.api.core.v1.PersistentVolumeSpec", "azureDisk");
        Assert.Equal(true, (bool?)azureDisk["x-kubernetes-preserve-unknown-fields"]);
        Assert.Equal("object", (string?)azureDisk["type"]);

        var fieldsV1 = Field("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", "fieldsV1");
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", (string?)fieldsV1["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void Every_type_and_field_has_a_kubernetes_description()
    {
        var missing = new List<string>();
        foreach (var document in Documents.Documents)
        {
            foreach (var (name, schema) in JsonNode.Parse(document.Content.Span)!["components"]!["schemas"]!.AsObject())
            {
                if (schema!["description"] is null)
                {
                    missing.Add(name);
                }
                foreach (var (field, property) in schema["properties"]?.AsObject() ?? [])
                {
                    if (property!["description"] is null)
                    {
                        missing.Add(name + "." + field);
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_reference_resolves_within_its_document()
    {
        foreach (var document in Documents.Documents)
        {
            var root = JsonNode.Parse(document.Content.Span)!;
            var schemas = root["components"]!["schemas"]!.AsObject();
            var references = new List<string>();
            Collect(root, references);

            Assert.NotEmpty(references);
            Assert.All(references, r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), $"{document.Path}: {r}"));
        }

        static void Collect(JsonNode? node, List<string> references)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref")
                        {
                            references.Add((string)value!);
                        }
                        else
                        {
                            Collect(value, references);
                        }
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, references);
                    }
                    break;
            }
        }
    }

    [Fact]
    public void Documents_are_plain_json_with_sorted_keys_and_no_nulls()
    {
        Assert.True(Documents.TryGet("api/v1", out var core));
        using var parsed = JsonDocument.Parse(core.Content);

        Assert.DoesNotContain(":null", System.Text.Encoding.UTF8.GetString(core.Content.Span), StringComparison.Ordinal);
        var keys = parsed.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["components", "info", "openapi", "paths"], keys);
    }

    [Fact]
    public void Descriptions_are_loaded_from_the_embedded_catalog()
    {
        var descriptions = OpenApiDescriptions.Kubernetes;

        Assert.Equal(
            "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            descriptions.ForDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
        Assert.StartsWith("fieldValidation instructs the server", descriptions.ForParameter("fieldValidation"), StringComparison.Ordinal);
        Assert.Null(descriptions.ForField("io.k8s.api.core.v1.PersistentVolumeSpec", "nope"));
    }
}
