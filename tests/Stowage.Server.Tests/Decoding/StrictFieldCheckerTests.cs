using System.Text;
using System.Text.Json;
using Stowage.Api.Core;
using Stowage.Api.Schema;
using Stowage.Api.Storage;
using Stowage.Server.Decoding;

namespace Stowage.Server.Tests.Decoding;

public class StrictFieldCheckerTests
{
    private static readonly SchemaNode PersistentVolume = ApiSchemas.Default.For(typeof(PersistentVolume));

    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "a valid volume has no problems",
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv1","labels":{"type":"local"}},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/tmp"}}}""",
            []
        },
        {
            "an unknown field in spec",
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv1"},"spec":{"bogus":1}}""",
            ["unknown field \"spec.bogus\""]
        },
        {
            "unknown fields in document order",
            """{"spec":{"bogus":1,"x":{"y":2}},"extra":true}""",
            ["unknown field \"spec.bogus\"", "unknown field \"spec.x\"", "unknown field \"extra\""]
        },
        {
            "an unknown field at the root",
            """{"apiVersion":"v1","kind":"PersistentVolume","status2":{}}""",
            ["unknown field \"status2\""]
        },
        {
            "a nested unknown field",
            """{"spec":{"hostPath":{"path":"/tmp","mode":"0755"}}}""",
            ["unknown field \"spec.hostPath.mode\""]
        },
        {
            "an unknown field inside a list item carries the index",
            """{"spec":{"nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"a","operator":"In"},{"key":"b","operator":"In","foo":1}]}]}}}}""",
            ["unknown field \"spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[1].foo\""]
        },
        {
            "a duplicate metadata name",
            """{"metadata":{"name":"a","name":"b"}}""",
            ["duplicate field \"metadata.name\""]
        },
        {
            "a duplicate map key",
            """{"metadata":{"labels":{"a":"1","a":"2"}}}""",
            ["duplicate field \"metadata.labels.a\""]
        },
        {
            "a duplicated object is walked twice",
            """{"spec":{"bogus":1},"spec":{"other":2}}""",
            ["unknown field \"spec.bogus\"", "duplicate field \"spec\"", "unknown field \"spec.other\""]
        },
        {
            "the same problem is reported once",
            """{"spec":{"bogus":1,"bogus":2}}""",
            ["unknown field \"spec.bogus\""]
        },
        {
            "field names are case-sensitive",
            """{"Spec":{},"spec":{"AccessModes":[]}}""",
            ["unknown field \"Spec\"", "unknown field \"spec.AccessModes\""]
        },
        {
            "map keys are never unknown",
            """{"spec":{"capacity":{"storage":"1Gi","anything/else":"2"}},"metadata":{"annotations":{"x.io/y":"z"}}}""",
            []
        },
        {
            "opaque fields accept anything",
            """{"spec":{"azureDisk":{"diskName":"d","whatever":{"deep":[1,2]}}},"metadata":{"managedFields":[{"manager":"m","fieldsV1":{"f:spec":{},"f:spec":{}}}]}}""",
            []
        },
        {
            "values of the wrong type are not strict problems",
            """{"spec":"oops","metadata":{"labels":[1,2]},"status":null}""",
            []
        },
        {
            "a list of objects inside metadata",
            """{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"X","name":"n","uid":"u","bogus":true}]}}""",
            ["unknown field \"metadata.ownerReferences[0].bogus\""]
        },
        {
            "unusual characters are quoted as Go quotes them",
            "{\"spec\":{\"tab\\there\":1,\"quo\\\"te\":2}}",
            ["unknown field \"spec.tab\\there\"", "unknown field \"spec.quo\\\"te\""]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_unknown_and_duplicate_fields_as_kubernetes_does(string description, string body, string[] expected)
    {
        var errors = StrictFieldChecker.Check(Encoding.UTF8.GetBytes(body), PersistentVolume);

        Assert.True(expected.SequenceEqual(errors.Select(e => e.Message)), $"{description}: got [{string.Join(", ", errors)}]");
    }

    [Fact]
    public void ApiVersion_kind_and_metadata_are_known_at_the_root_of_any_kind()
    {
        var bare = new SchemaNode { Type = SchemaType.Object, DefinitionName = "io.stowage.test.Bare" };

        var errors = StrictFieldChecker.Check(
            """{"apiVersion":"v1","kind":"Bare","metadata":{"name":"b","nope":1},"nope":2}"""u8.ToArray(), bare);

        Assert.Equal(["unknown field \"metadata.nope\"", "unknown field \"nope\""], errors.Select(e => e.Message));
    }

    [Fact]
    public void Checks_other_kinds_by_their_schema()
    {
        var storageClass = ApiSchemas.Default.For(typeof(StorageClass));

        var errors = StrictFieldChecker.Check(
            """{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","provisioner":"p","parameters":{"a":"b"},"reclaimPolicy":"Delete","spec":{}}"""u8.ToArray(),
            storageClass);

        Assert.Equal(["unknown field \"spec\""], errors.Select(e => e.Message));
    }

    [Fact]
    public void Reports_at_most_one_hundred_problems()
    {
        var fields = string.Join(",", Enumerable.Range(0, 150).Select(i => $"\"f{i}\":{i}"));

        var errors = StrictFieldChecker.Check(Encoding.UTF8.GetBytes("{\"spec\":{" + fields + "}}"), PersistentVolume);

        Assert.Equal(StrictFieldChecker.MaxErrors, errors.Count);
        Assert.Equal("unknown field \"spec.f99\"", errors[^1].Message);
    }

    [Fact]
    public void Malformed_json_is_a_decoding_error_not_a_strict_one()
    {
        Assert.ThrowsAny<JsonException>(() => StrictFieldChecker.Check("{\"spec\":"u8.ToArray(), PersistentVolume));
    }

    [Fact]
    public void Strict_message_lists_every_problem_as_the_apiserver_does()
    {
        var errors = StrictFieldChecker.Check("""{"spec":{"bogus":1,"x":2}}"""u8.ToArray(), PersistentVolume);

        Assert.Equal(
            "strict decoding error: unknown field \"spec.bogus\", unknown field \"spec.x\"",
            StrictFieldChecker.StrictDecodingMessage(errors));
        Assert.Equal(
            "PersistentVolume in version \"v1\" cannot be handled as a PersistentVolume: strict decoding error: unknown field \"spec.bogus\", unknown field \"spec.x\"",
            StrictFieldChecker.BadRequestMessage("PersistentVolume", "v1", "PersistentVolume", errors));
    }

    [Fact]
    public void Warning_header_quotes_the_message()
    {
        var error = new StrictFieldError(StrictFieldProblem.UnknownField, "spec.bogus");

        Assert.Equal("299 - \"unknown field \\\"spec.bogus\\\"\"", StrictFieldChecker.WarningHeaderValue(error));
    }

    [Theory]
    [InlineData(null, FieldValidation.Warn)]
    [InlineData("", FieldValidation.Warn)]
    [InlineData("Warn", FieldValidation.Warn)]
    [InlineData("Strict", FieldValidation.Strict)]
    [InlineData("Ignore", FieldValidation.Ignore)]
    public void Field_validation_parameter_defaults_to_warn(string? value, FieldValidation expected)
    {
        Assert.True(FieldValidationParser.TryParse(value, out var validation));
        Assert.Equal(expected, validation);
    }

    [Theory]
    [InlineData("strict")]
    [InlineData("Error")]
    public void Field_validation_values_are_case_sensitive(string value)
    {
        Assert.False(FieldValidationParser.TryParse(value, out _));
    }
}
