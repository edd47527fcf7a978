using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Patching;

namespace Stowage.Api.Tests.Meta;

public class FieldsV1Tests
{
    private const string Fields = """{"f:metadata":{"f:finalizers":{".":{},"v:\u0022kubernetes.io/pv-protection\u0022":{}}},"f:spec":{"f:capacity":{".":{},"f:storage":{}}}}""";

    private static string Volume(string fieldsV1) =>
        """{"metadata":{"name":"pv1","managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":"""
        + fieldsV1 + "}]}}";

    private static string FieldsOf(string json) =>
        JsonNode.Parse(json)!["metadata"]!["managedFields"]![0]!["fieldsV1"]!.ToJsonString();

    [Fact]
    public void An_object_read_and_written_back_keeps_its_fields_byte_for_byte()
    {
        var pv = JsonSerializer.Deserialize(Volume(Fields), ApiJsonContext.Default.PersistentVolume)!;

        var written = JsonSerializer.Serialize(pv, ApiJsonContext.Default.PersistentVolume);

        Assert.Contains("\"fieldsV1\":" + Fields + "}", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Spaced_or_differently_escaped_fields_are_written_as_the_serializer_writes_an_object()
    {
        var spaced = """
            { "f:metadata": { "f:finalizers": { ".": {}, "v:\"kubernetes.io/pv-protection\"": {} } },
              "f:spec": { "f:capacity": { ".": {}, "f:storage": {} } } }
            """;
        var pv = JsonSerializer.Deserialize(Volume(spaced), ApiJsonContext.Default.PersistentVolume)!;

        var written = JsonSerializer.Serialize(pv, ApiJsonContext.Default.PersistentVolume);

        Assert.Equal(JsonNode.Parse(spaced)!.ToJsonString(), FieldsOf(written));
        Assert.Equal(FieldsV1.Parse(Fields), pv.Metadata.ManagedFields![0].FieldsV1);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"f:spec\"")]
    [InlineData("1")]
    public void Fields_that_are_not_an_object_are_rejected(string fieldsV1)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(Volume(fieldsV1), ApiJsonContext.Default.PersistentVolume));
    }

    [Fact]
    public void Values_compare_by_content()
    {
        var a = FieldsV1.Parse("""{"f:spec":{}}""");
        var b = FieldsV1.Parse("""{ "f:spec" : {} }""");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, FieldsV1.Parse("""{"f:status":{}}"""));
        Assert.Equal("""{"f:spec":{}}""", b.ToString());
    }

    [Theory]
    [MemberData(nameof(Stowage.Api.Tests.Patching.FieldSetTests.KubernetesFieldsV1), MemberType = typeof(Stowage.Api.Tests.Patching.FieldSetTests))]
    public void A_set_read_from_the_api_form_is_the_set_read_from_the_tree_and_writes_back_the_same_text(string fieldsV1)
    {
        var value = FieldsV1.Parse(fieldsV1);

        var set = FieldSet.FromFieldsV1(value);

        Assert.Equal(FieldSet.FromFieldsV1(JsonNode.Parse(fieldsV1)), set);
        Assert.Equal(value, set.AsFieldsV1());
        Assert.Same(set, FieldSet.FromFieldsV1(value)); // read once
    }

    [Fact]
    public void Entries_that_are_not_objects_fail_to_read_as_a_set()
    {
        Assert.Throws<FormatException>(() => FieldSet.FromFieldsV1(FieldsV1.Parse("""{"f:spec":{"f:capacity":1}}""")));
    }
}
