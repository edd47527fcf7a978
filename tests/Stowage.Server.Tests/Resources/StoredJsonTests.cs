using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Resources;
using Stowage.Server.Strategies;
using Stowage.Storage;

namespace Stowage.Server.Tests.Resources;

public class StoredJsonTests
{
    private static readonly ObjectCodec<PersistentVolume> Volumes = new(ApiJsonContext.Default.PersistentVolume, "v1", "PersistentVolume");

    public static TheoryData<string, string> Objects => new()
    {
        { "uid and later fields", """{"metadata":{"name":"pv1","uid":"u-1","generation":3,"creationTimestamp":"2026-01-01T00:00:00Z","labels":{"a":"b"}},"spec":{"capacity":{"storage":"1Gi"}}}""" },
        { "nothing after uid", """{"metadata":{"name":"pv1","uid":"u-1"}}""" },
        { "no uid", """{"metadata":{"name":"pv1","labels":{"a":"b"}}}""" },
        { "only later fields", """{"metadata":{"creationTimestamp":"2026-01-01T00:00:00Z"}}""" },
        { "empty metadata", """{"metadata":{}}""" },
        { "everything before", """{"metadata":{"name":"n","generateName":"g-","namespace":"ns","selfLink":"/x","uid":"u"},"spec":{}}""" },
        {
            "managed fields and finalizers",
            """{"metadata":{"name":"pv1","uid":"u-1","finalizers":["kubernetes.io/pv-protection"],"managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:capacity":{".":{},"f:storage":{}}}}}]},"spec":{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"5Gi"},"nfs":{"server":"s","path":"/p"}},"status":{"phase":"Available"}}""" },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Stored_json_with_resource_version_equals_decoded_and_reencoded_json(string name, string json)
    {
        _ = name;
        var stored = Volumes.Encode(JsonSerializer.Deserialize(json, ApiJsonContext.Default.PersistentVolume)!);
        var expected = Volumes.Serialize(Volumes.Decode(new KeyValue("/registry/persistentvolumes/x", stored, 7, 1234567)));

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(StoredJson.TrySplice(stored, 1234567)!));
        Assert.Equal(expected, Volumes.SerializeStored(stored, 1234567));
        var buffer = new ArrayBufferWriter<byte>();
        Volumes.WriteStored(buffer, stored, 1234567);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_codec_that_stores_another_form_is_decoded_and_reencoded()
    {
        var codec = new EventsV1Codec();
        Assert.False(codec.ServesStoredBytes);
        var core = new Event { Metadata = new ObjectMeta { Name = "e1", Namespace = "default", Uid = "u" }, Reason = "Started" };
        var stored = JsonSerializer.SerializeToUtf8Bytes(core, ApiJsonContext.Default.Event);

        var served = JsonNode.Parse(codec.SerializeStored(stored, 42))!;

        Assert.Equal("events.k8s.io/v1", (string?)served["apiVersion"]);
        Assert.Equal("42", (string?)served["metadata"]!["resourceVersion"]);
    }

    [Theory]
    [InlineData("""[1,2]""")]
    [InlineData("""{"spec":{}}""")]
    [InlineData("""{"metadata":[]}""")]
    [InlineData("""{"metadata":{"resourceVersion":"5"}}""")]
    public void Bytes_of_another_shape_are_not_spliced(string json) =>
        Assert.Null(StoredJson.TrySplice(System.Text.Encoding.UTF8.GetBytes(json), 9));
}
