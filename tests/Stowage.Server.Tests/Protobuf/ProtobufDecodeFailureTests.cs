using Stowage.Server.Protobuf;

namespace Stowage.Server.Tests.Protobuf;

public sealed class ProtobufDecodeFailureTests
{
    private const string PlainNamespace =
        """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"n","creationTimestamp":null},"spec":{},"status":{}}""";

    [Theory]
    [InlineData("")]
    [InlineData("7b7d")]                 // {}
    [InlineData("6b3873")]               // "k8s" without the NUL
    public void Body_without_the_k8s_prefix_is_malformed(string hex)
    {
        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(Convert.FromHexString(hex)));

        Assert.Equal(ProtobufDecodeError.Malformed, error.Error);
        Assert.Contains("k8s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apps/v1", "StatefulSet")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("storage.k8s.io/v1", "StorageClass")]
    [InlineData("v2", "Namespace")]
    public void Kind_without_a_schema_is_an_unsupported_type(string apiVersion, string kind)
    {
        var body = ProtoWriter.Envelope(apiVersion, kind, _ => { });

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body));

        Assert.Equal(ProtobufDecodeError.UnsupportedType, error.Error);
        Assert.Contains($"{apiVersion}/{kind}", error.Message, StringComparison.Ordinal);
        Assert.False(KubernetesProtobufDecoder.Supports(apiVersion, kind));
    }

    [Fact]
    public void Supported_kinds_are_the_core_v1_and_apps_v1_kinds_with_schemas()
    {
        Assert.Equal(
            ["ConfigMap", "Deployment", "Endpoints", "Event", "Namespace", "Node", "PersistentVolume", "PersistentVolumeClaim", "Pod", "ReplicaSet", "ReplicationController", "Secret"],
            KubernetesProtobufDecoder.SupportedKinds.Order(StringComparer.Ordinal));
        Assert.True(KubernetesProtobufDecoder.Supports("v1", "PersistentVolumeClaim"));
        Assert.True(KubernetesProtobufDecoder.Supports("apps/v1", "Deployment"));
        Assert.False(KubernetesProtobufDecoder.Supports("v1", "Deployment"));
    }

    [Fact]
    public void Gzip_content_encoding_is_an_unsupported_type()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", _ => { }, contentEncoding: "gzip", contentType: "");

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body));

        Assert.Equal(ProtobufDecodeError.UnsupportedType, error.Error);
        Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_json_inside_the_envelope_is_an_unsupported_type()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", _ => { }, contentEncoding: "", contentType: "application/json");

        Assert.Equal(
            ProtobufDecodeError.UnsupportedType,
            Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body)).Error);
    }

    [Fact]
    public void Explicit_protobuf_content_type_in_the_envelope_is_accepted()
    {
        var body = ProtoWriter.Envelope(
            "v1", "Namespace", ns => ns.Message(1, m => m.String(1, "n")), contentEncoding: "", contentType: KubernetesProtobufDecoder.MediaType);

        Assert.Equal(PlainNamespace, JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Envelope_without_a_kind_is_malformed()
    {
        var body = ProtoWriter.Envelope("v1", "", _ => { });

        Assert.Equal(
            ProtobufDecodeError.Malformed,
            Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body)).Error);
    }

    [Fact]
    public void Known_field_with_the_wrong_wire_type_is_malformed_and_named()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Varint(1, 7));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body));

        Assert.Equal(ProtobufDecodeError.Malformed, error.Error);
        Assert.Contains("Namespace.metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_running_past_the_end_is_malformed()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Raw(0x0a, 0x7f, 0x0a));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body));

        Assert.Equal(ProtobufDecodeError.Malformed, error.Error);
        Assert.Contains("past the end", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x0b })]                                                             // field 1, start group
    [InlineData(new byte[] { 0x0c })]                                                             // field 1, end group
    [InlineData(new byte[] { 0x0e })]                                                             // wire type 6
    [InlineData(new byte[] { 0x02, 0x00 })]                                                       // field number 0
    [InlineData(new byte[] { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })] // 11-byte varint
    [InlineData(new byte[] { 0x08, 0x80 })]                                                       // truncated varint
    [InlineData(new byte[] { 0x09, 0x01, 0x02 })]                                                 // truncated fixed64
    public void Impossible_wire_data_in_an_unknown_field_is_malformed(byte[] field)
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Message(1, m => m.String(1, "n")).Raw([.. (byte[])[0x7a], .. Varint(field.Length), .. field]));
        var bodyInMeta = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Message(1, m => m.String(1, "n").Raw(field)));

        Assert.Equal(ProtobufDecodeError.Malformed, Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(bodyInMeta)).Error);

        // Wrapped in an unknown length-delimited field (15) at the top level, the same bytes are
        // opaque and skipped whole: only the field's own framing is checked.
        Assert.Equal(PlainNamespace, JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns
            .Varint(90, 12345)
            .Fixed64(91, 0x0102030405060708)
            .String(92, "future field")
            .Fixed32(93, 0xdeadbeef)
            .Message(1, m => m.Fixed32(40, 1).String(1, "n").Varint(41, 1).Fixed64(42, 2).Message(43, x => x.String(1, "y")))
            .Message(3, s => s.Varint(9, 1)));

        Assert.Equal(PlainNamespace, JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Unknown_fields_in_the_envelope_are_skipped()
    {
        byte[] extra = [0x28, 0x01, 0x35, 0x01, 0x02, 0x03, 0x04];
        var body = (byte[])[.. ProtoWriter.Envelope("v1", "Namespace", ns => ns.Message(1, m => m.String(1, "n"))), .. extra];

        Assert.Equal(PlainNamespace, JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Time_outside_the_representable_range_is_malformed()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Message(1, m => m.String(1, "n").Time(8, long.MaxValue / 2)));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body));

        Assert.Equal(ProtobufDecodeError.Malformed, error.Error);
        Assert.Contains("creationTimestamp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_quantity_string_is_malformed_as_go_fails_to_parse_it()
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolumeClaim", pvc => pvc
            .Message(2, spec => spec.Message(2, r => r.QuantityEntry(2, "storage", ""))));

        Assert.Equal(ProtobufDecodeError.Malformed, Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body)).Error);
    }

    [Fact]
    public void Fields_v1_that_is_not_json_is_malformed()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", ns => ns.Message(1, m => m
            .Message(17, f => f.String(1, "kubectl").Message(7, raw => raw.String(1, "{not json")))));

        Assert.Equal(ProtobufDecodeError.Malformed, Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobufDecoder.Decode(body)).Error);
    }

    [Fact]
    public void Every_truncation_of_a_real_body_decodes_or_fails_as_malformed()
    {
        foreach (var capture in KubectlCaptures.All)
        {
            var body = capture.Body;
            for (var length = 0; length < body.Length; length++)
            {
                AssertDecodesOrIsMalformed(body.AsSpan(0, length).ToArray(), $"{capture.Command} cut at {length}");
            }
        }
    }

    [Fact]
    public void Single_byte_corruptions_of_real_bodies_decode_or_fail_with_a_decode_exception()
    {
        var random = new Random(20250422);
        foreach (var capture in KubectlCaptures.All)
        {
            for (var trial = 0; trial < 300; trial++)
            {
                var body = capture.Body;
                var position = random.Next(body.Length);
                body[position] = (byte)random.Next(256);
                try
                {
                    KubernetesProtobufDecoder.Decode(body);
                }
                catch (ProtobufDecodeException)
                {
                    // Either outcome is fine; any other exception type is a bug.
                }
            }
        }
    }

    private static void AssertDecodesOrIsMalformed(byte[] body, string because)
    {
        try
        {
            KubernetesProtobufDecoder.Decode(body);
        }
        catch (ProtobufDecodeException e)
        {
            Assert.True(e.Error == ProtobufDecodeError.Malformed, $"{because}: {e.Error} {e.Message}");
        }
    }

    private static byte[] Varint(int value) => value < 0x80 ? [(byte)value] : [(byte)(value | 0x80), (byte)(value >> 7)];
}
