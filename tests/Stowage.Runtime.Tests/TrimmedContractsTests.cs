using System.Text;
using System.Text.Json;
using Stowage.Runtime.Client;

namespace Stowage.Runtime.Tests;

public sealed class TrimmedContractsTests
{
    private const string Fields = """{"f:spec":{"f:capacity":{".":{},"f:storage":{}}}}""";

    // 300 volumes are far more than one read buffer (16 KiB), so values arrive in partial blocks.
    private static MemoryStream ListOf300()
    {
        const string entry = """{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":""" + Fields + "}";
        var items = Enumerable.Range(0, 300).Select(i =>
            "{\"metadata\":{\"name\":\"pv-" + i + "\",\"resourceVersion\":\"" + (i + 1) + "\",\"managedFields\":[" + entry + "," + entry
            + "]},\"spec\":{\"capacity\":{\"storage\":\"1Gi\"}}}");
        var json = """{"kind":"PersistentVolumeList","apiVersion":"v1","metadata":{"resourceVersion":"301"},"items":[""" + string.Join(",", items) + "]}";
        return new MemoryStream(Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void A_list_read_from_a_stream_in_many_buffers_reads_every_objects_managed_fields()
    {
        using var stream = ListOf300();

        var list = JsonSerializer.Deserialize(stream, ResourceTypes.PersistentVolumes.ListTypeInfo)!;

        Assert.Equal(300, list.Items.Count);
        Assert.All(list.Items, pv => Assert.All(pv.Metadata.ManagedFields!, e => Assert.Equal(Fields, e.FieldsV1!.ToString())));
    }

    [Fact]
    public void A_list_read_from_a_stream_in_many_buffers_skips_every_objects_managed_fields()
    {
        using var stream = ListOf300();

        var list = JsonSerializer.Deserialize(stream, ResourceTypes.PersistentVolumes.WithoutManagedFields().ListTypeInfo)!;

        Assert.Equal(300, list.Items.Count);
        Assert.All(list.Items, pv => Assert.Null(pv.Metadata.ManagedFields));
        Assert.Equal(("pv-0", "pv-299"), (list.Items[0].Metadata.Name, list.Items[^1].Metadata.Name));
        Assert.Equal("1Gi", list.Items[^1].Spec!.Capacity!["storage"].ToString());
    }
}
