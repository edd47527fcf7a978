using Stowage.Server.Protobuf;

namespace Stowage.Server.Tests.Protobuf;

/// <summary>The bodies kubectl 1.32 really sends decode to the JSON kubectl 1.31 sends.</summary>
public sealed class KubectlProtobufBodyTests
{
    public static TheoryData<string> Commands => [.. KubectlCaptures.All.Select(c => c.Command)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Kubectl_protobuf_body_decodes_to_the_json_kubectl_sends_for_the_same_command(string command)
    {
        var capture = KubectlCaptures.All.Single(c => c.Command == command);

        var json = KubernetesProtobufDecoder.Decode(capture.Body);

        Assert.Equal(capture.ExpectedJson, JsonText.Of(json));
    }

    [Fact]
    public void Create_namespace_bytes_from_the_protocol_notes_decode_to_a_namespace_named_team_a()
    {
        // kubectl-protocol.md §4.8, written out field by field.
        byte[] body =
        [
            0x6b, 0x38, 0x73, 0x00,                                     // "k8s\0"
            0x0a, 0x0f,                                                 // 1: TypeMeta
            0x0a, 0x02, (byte)'v', (byte)'1',                           //   1: apiVersion "v1"
            0x12, 0x09, .. "Namespace"u8,                               //   2: kind "Namespace"
            0x12, 0x1e,                                                 // 2: raw, 30 bytes
            0x0a, 0x16,                                                 //   1: ObjectMeta, 22 bytes
            0x0a, 0x06, .. "team-a"u8,                                  //     1: name
            0x12, 0x00, 0x1a, 0x00, 0x22, 0x00, 0x2a, 0x00, 0x32, 0x00, //     2..6: empty strings
            0x38, 0x00,                                                 //     7: generation 0
            0x42, 0x00,                                                 //     8: creationTimestamp (zero)
            0x12, 0x00,                                                 //   2: spec
            0x1a, 0x02, 0x0a, 0x00,                                     //   3: status {phase ""}
            0x1a, 0x00,                                                 // 3: contentEncoding ""
            0x22, 0x00,                                                 // 4: contentType ""
        ];

        Assert.Equal(KubectlCaptures.CreateNamespace.Body, body);
        Assert.Equal(
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","creationTimestamp":null},"spec":{},"status":{}}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Secret_from_literal_k_equals_v_carries_v_base64_encoded()
    {
        var json = KubernetesProtobufDecoder.Decode(KubectlCaptures.CreateSecretFromLiteral.Body);

        Assert.Equal("Secret", (string?)json["kind"]);
        Assert.Equal("s1", (string?)json["metadata"]!["name"]);
        Assert.Equal("dg==", (string?)json["data"]!["k"]);
        Assert.Equal("v", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)json["data"]!["k"]!)));
    }

    [Fact]
    public void Configmap_binary_file_lands_in_binary_data_as_base64()
    {
        var json = KubernetesProtobufDecoder.Decode(KubectlCaptures.CreateConfigMapFromTextAndBinaryFiles.Body);

        Assert.Equal("line1\nline2\n", (string?)json["data"]!["app.conf"]);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0xff, 0xfe }, Convert.FromBase64String((string)json["binaryData"]!["blob.bin"]!));
    }

    [Fact]
    public void Service_account_from_kubectl_is_refused_as_an_unsupported_type()
    {
        var error = Assert.Throws<ProtobufDecodeException>(
            () => KubernetesProtobufDecoder.Decode(Convert.FromHexString(KubectlCaptures.CreateServiceAccountHex)));

        Assert.Equal(ProtobufDecodeError.UnsupportedType, error.Error);
        Assert.Contains("v1/ServiceAccount", error.Message, StringComparison.Ordinal);
    }
}
