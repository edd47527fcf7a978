using Stowage.Server.Protobuf;

namespace Stowage.Server.Tests.Protobuf;

public sealed class SecretAndConfigMapDecodingTests
{
    [Fact]
    public void Secret_renders_immutable_data_string_data_and_type_in_go_order()
    {
        var body = ProtoWriter.Envelope("v1", "Secret", s => s
            .Message(1, m => m.String(1, "s1"))
            .Message(2, e => e.String(1, "bin").Bytes(2, [0x00, 0xff]))
            .String(3, "Opaque")
            .StringEntry(4, "plain", "text")
            .Bool(5, true));

        Assert.Equal(
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","creationTimestamp":null},"immutable":true,"data":{"bin":"AP8="},"stringData":{"plain":"text"},"type":"Opaque"}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Secret_data_entry_without_a_value_is_an_empty_base64_string()
    {
        var body = ProtoWriter.Envelope("v1", "Secret", s => s.Message(2, e => e.String(1, "empty")));

        Assert.Equal("", (string?)KubernetesProtobufDecoder.Decode(body)["data"]!["empty"]);
    }

    [Fact]
    public void Configmap_immutable_false_is_kept_because_it_is_a_pointer_that_was_set()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", c => c.Message(1, m => m.String(1, "c")).Bool(4, false));

        Assert.Equal(
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"immutable":false}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Configmap_data_keys_come_out_sorted_like_go_maps()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", c => c
            .StringEntry(2, "zeta", "1").StringEntry(2, "alpha", "2").StringEntry(2, "Mid", "3"));

        Assert.Equal("""{"Mid":"3","alpha":"2","zeta":"1"}""", JsonText.Of(KubernetesProtobufDecoder.Decode(body)["data"]!));
    }
}
