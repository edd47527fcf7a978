using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Patching;
using Stowage.Api.Schema;
using Stowage.Server.Resources;

namespace Stowage.Server.Tests.Resources;

/// <summary>An update's managed fields come from the parts that changed: they must be what comparing the whole objects gives.</summary>
public class UpdateManagedFieldsTests
{
    private const string Base = """
        {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv1","labels":{"a":"1","b":"2"},"annotations":{"note":"x"},"finalizers":["kubernetes.io/pv-protection"]},
         "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"nfs":{"server":"s","path":"/p"},"mountOptions":["hard"],"storageClassName":"slow"},
         "status":{"phase":"Available"}}
        """;

    public static TheoryData<string, string, string?> Changes => new()
    {
        { "claimRef and an annotation", """{"spec":{"claimRef":{"namespace":"default","name":"c1","uid":"u1"}},"metadata":{"annotations":{"pv.kubernetes.io/bound-by-controller":"yes"}}}""", null },
        { "a label changed, one removed", """{"metadata":{"labels":{"a":"9","b":null}}}""", null },
        { "all labels removed", """{"metadata":{"labels":null}}""", null },
        { "a finalizer added", """{"metadata":{"finalizers":["kubernetes.io/pv-protection","example.com/f"]}}""", null },
        { "capacity and access modes", """{"spec":{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce","ReadOnlyMany"]}}""", null },
        { "volume source replaced", """{"spec":{"nfs":null,"hostPath":{"path":"/x"}}}""", null },
        { "nothing", """{}""", null },
        { "status phase", """{"status":{"phase":"Bound"}}""", "status" },
        { "status phase and message", """{"status":{"phase":"Failed","message":"m","reason":"r"}}""", "status" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Managed_fields_of_an_update_equal_those_of_comparing_whole_objects(string name, string mergePatch, string? subresource)
    {
        _ = name;
        var typeInfo = ApiJsonContext.Default.PersistentVolume;
        var schema = ApiSchemas.Default.For(typeof(PersistentVolume));
        var created = FieldManagement.Record(
            JsonSerializer.Deserialize(Base, typeInfo)!, null, new WriteOptions { FieldManager = "kubectl-create" },
            DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), typeInfo, schema, "v1");
        var patched = MergePatch.Apply(JsonSerializer.SerializeToNode(created, typeInfo)!, JsonNode.Parse(mergePatch)!)!;
        var updated = patched.Deserialize(typeInfo)!;
        var options = new WriteOptions { FieldManager = "binder", Subresource = subresource };
        var now = DateTimeOffset.Parse("2026-01-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var recorded = FieldManagement.Record(updated, created, options, now, typeInfo, schema, "v1");

        var reset = subresource == "status" ? ResetFields.StatusSubresource(schema) : ResetFields.MainResource;
        var baseline = updated.WithMetadata(updated.Metadata with { ManagedFields = created.Metadata.ManagedFields });
        var expected = ManagedFields.RecordUpdate(
            (JsonObject)JsonSerializer.SerializeToNode(created, typeInfo)!, (JsonObject)JsonSerializer.SerializeToNode(baseline, typeInfo)!,
            "binder", "v1", now, schema, subresource, reset);
        Assert.Equal(
            expected?.ToJsonString() ?? "null",
            recorded.Metadata.ManagedFields is { } entries ? JsonSerializer.SerializeToNode(entries, ApiJsonContext.Default.IReadOnlyListManagedFieldsEntry)!.ToJsonString() : "null");
    }
}
