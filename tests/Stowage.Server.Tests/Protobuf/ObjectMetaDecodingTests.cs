using Stowage.Server.Protobuf;

namespace Stowage.Server.Tests.Protobuf;

public sealed class ObjectMetaDecodingTests
{
    // 2023-11-14T22:13:20Z
    private const long NovemberSeconds = 1_700_000_000;

    [Fact]
    public void Every_object_meta_field_is_rendered_in_go_struct_order()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm.Message(1, m => m
            .String(1, "c1")
            .String(2, "c-")
            .String(3, "team-a")
            .String(4, "/api/v1/namespaces/team-a/configmaps/c1")
            .String(5, "0b9e6a3c-1f0e-4c55-9d8e-2f0c6c1b7a11")
            .String(6, "42")
            .Int(7, 3)
            .Time(8, NovemberSeconds, nanos: 999)
            .Time(9, NovemberSeconds + 60)
            .Int(10, 30)
            .StringEntry(11, "tier", "gold")
            .StringEntry(11, "app", "web")
            .StringEntry(12, "note", "x")
            .Message(13, o => o.String(1, "ReplicaSet").String(3, "rs1").String(4, "uid-rs").String(5, "apps/v1").Bool(6, true).Bool(7, false))
            .String(14, "example.com/a")
            .String(14, "example.com/b")
            .Message(17, f => f
                .String(1, "kubectl")
                .String(2, "Update")
                .String(3, "v1")
                .Time(4, NovemberSeconds)
                .String(6, "FieldsV1")
                .Message(7, raw => raw.String(1, """{"f:data":{".":{},"f:a":{}}}""")))));

        var json = KubernetesProtobufDecoder.Decode(body);

        Assert.Equal(
            """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c1","generateName":"c-","namespace":"team-a","selfLink":"/api/v1/namespaces/team-a/configmaps/c1","uid":"0b9e6a3c-1f0e-4c55-9d8e-2f0c6c1b7a11","resourceVersion":"42","generation":3,"creationTimestamp":"2023-11-14T22:13:20Z","deletionTimestamp":"2023-11-14T22:14:20Z","deletionGracePeriodSeconds":30,"labels":{"app":"web","tier":"gold"},"annotations":{"note":"x"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs1","uid":"uid-rs","controller":true,"blockOwnerDeletion":false}],"finalizers":["example.com/a","example.com/b"],"managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2023-11-14T22:13:20Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}}}}]}}
            """,
            JsonText.Of(json));
    }

    [Fact]
    public void Empty_strings_and_zero_generation_are_omitted_but_a_zero_creation_timestamp_is_null()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm.Message(1, m => m
            .String(1, "c1").String(2, "").String(3, "").Int(7, 0).Message(8, _ => { })));

        Assert.Equal(
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c1","creationTimestamp":null}}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void A_missing_metadata_message_still_renders_as_an_object_like_go_does()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm.StringEntry(2, "a", "b"));

        Assert.Equal(
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"creationTimestamp":null},"data":{"a":"b"}}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Creation_timestamp_keeps_whole_seconds_like_metav1_time()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Message(1, m => m.String(1, "n").Time(8, 0)));

        // An explicit 0 seconds is the Unix epoch, not Go's zero time: only an empty message is null.
        Assert.Equal("1970-01-01T00:00:00Z", (string?)KubernetesProtobufDecoder.Decode(body)["metadata"]!["creationTimestamp"]);
    }

    [Fact]
    public void A_message_field_sent_twice_is_merged_as_protobuf_requires()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm
            .Message(1, m => m.String(1, "c1").StringEntry(11, "a", "1"))
            .Message(1, m => m.String(3, "team-a").StringEntry(11, "b", "2")));

        var metadata = KubernetesProtobufDecoder.Decode(body)["metadata"]!;

        Assert.Equal(
            """{"name":"c1","namespace":"team-a","creationTimestamp":null,"labels":{"a":"1","b":"2"}}""",
            JsonText.Of(metadata));
    }

    [Fact]
    public void A_scalar_sent_twice_keeps_the_last_value()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm.Message(1, m => m.String(1, "first").String(1, "second")));

        Assert.Equal("second", (string?)KubernetesProtobufDecoder.Decode(body)["metadata"]!["name"]);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_becomes_the_replacement_character_as_go_json_writes_it()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", cm => cm.Message(1, m => m.Bytes(1, [(byte)'a', 0xff, (byte)'b'])));

        Assert.Equal("a\uFFFDb", (string?)KubernetesProtobufDecoder.Decode(body)["metadata"]!["name"]);
    }
}
