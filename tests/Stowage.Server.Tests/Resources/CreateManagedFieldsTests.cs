using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Schema;
using Stowage.Server.Resources;
using Stowage.Storage;

namespace Stowage.Server.Tests.Resources;

/// <summary>Creates whose shape was seen before reuse its owned fields: they must be exactly what computing them gives.</summary>
public class CreateManagedFieldsTests
{
    public static TheoryData<string, string> Volumes => new()
    {
        { "plain", """{"metadata":{"name":"NAME"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/tmp/NAME"}}}""" },
        { "labels and annotations", """{"metadata":{"name":"NAME","labels":{"a":"NAME","b":"x"},"annotations":{"note":"NAME"}},"spec":{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce","ReadOnlyMany"],"nfs":{"server":"s","path":"/NAME"},"mountOptions":["hard","nfsvers=4.1"]}}""" },
        { "claimRef and affinity", """{"metadata":{"name":"NAME"},"spec":{"capacity":{"storage":"3Gi"},"accessModes":["ReadWriteOnce"],"local":{"path":"/mnt/NAME"},"claimRef":{"namespace":"default","name":"NAME"},"nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/hostname","operator":"In","values":["node1"]}]}]}}}}""" },
        { "status given", """{"metadata":{"name":"NAME","finalizers":["kubernetes.io/pv-protection"]},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/x"}},"status":{"phase":"Available"}}""" },
    };

    [Theory]
    [MemberData(nameof(Volumes))]
    public async Task A_create_of_a_known_shape_records_the_fields_computing_them_would(string name, string template)
    {
        _ = name;
        var catalog = BuiltInResources.Create(new InMemoryStore(), TimeProvider.System);
        var volumes = catalog.Store<PersistentVolume>();
        var codec = new ObjectCodec<PersistentVolume>(ApiJsonContext.Default.PersistentVolume, "v1", "PersistentVolume");
        var options = new WriteOptions { FieldManager = "kubectl-create" };

        foreach (var volume in new[] { "pv-first", "pv-second", "pv-third" })
        {
            var body = JsonSerializer.Deserialize(template.Replace("NAME", volume, StringComparison.Ordinal), ApiJsonContext.Default.PersistentVolume)!;
            var created = await volumes.CreateAsync(null, body, options, CancellationToken.None);

            // Computed afresh, on the created object without its managed fields, at the time it recorded,
            // and with the finalizers the client sent: those admission added (pv-protection) are nobody's.
            var time = created.Metadata.ManagedFields![0].Time!.Value;
            var bare = created.WithMetadata(created.Metadata with { ManagedFields = null, ResourceVersion = null, Finalizers = body.Metadata.Finalizers });
            var expected = FieldManagement.Record(bare, null, options, time, codec.TypeInfo, ApiSchemas.Default.For(typeof(PersistentVolume)), "v1");

            Assert.Equal(
                JsonSerializer.Serialize(expected.Metadata.ManagedFields, ApiJsonContext.Default.IReadOnlyListManagedFieldsEntry),
                JsonSerializer.Serialize(created.Metadata.ManagedFields, ApiJsonContext.Default.IReadOnlyListManagedFieldsEntry));
        }
    }

    [Fact]
    public void Shapes_differ_in_fields_and_list_items_but_not_in_other_values()
    {
        static string Shape(string json) => CreateFieldsCache.ShapeOf(System.Text.Encoding.UTF8.GetBytes(json), null);

        Assert.Equal(Shape("""{"a":{"b":"x","c":1}}"""), Shape("""{"a":{"b":"y","c":2}}"""));
        Assert.NotEqual(Shape("""{"a":{"b":"x"}}"""), Shape("""{"a":{"d":"x"}}"""));
        Assert.NotEqual(Shape("""{"a":{"b":"x"}}"""), Shape("""{"a":{"b":null}}"""));
        Assert.NotEqual(Shape("""{"a":["x"]}"""), Shape("""{"a":["y"]}"""));
        Assert.NotEqual(Shape("""{"a":[{"name":"x"}]}"""), Shape("""{"a":[{"name":"y"}]}"""));
        Assert.NotEqual(Shape("""{"a":{}}"""), Shape("""{"a":[]}"""));
        Assert.NotEqual(CreateFieldsCache.ShapeOf("{}"u8, null), CreateFieldsCache.ShapeOf("{}"u8, "status"));
    }
}
