using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>Kubernetes' field/errors_test.go, plus the message shapes of every error type.</summary>
public sealed class FieldErrorTests
{
    public static TheoryData<FieldError, string, string> Messages => new()
    {
        { FieldError.Required("spec.capacity"), "FieldValueRequired", "spec.capacity: Required value" },
        { FieldError.Required("spec", "must specify a volume type"), "FieldValueRequired", "spec: Required value: must specify a volume type" },
        { FieldError.Invalid("bla", 2, "details"), "FieldValueInvalid", "bla: Invalid value: 2: details" },
        { FieldError.Invalid("bla", null, "details"), "FieldValueInvalid", "bla: Invalid value: \"null\": details" },
        { FieldError.Invalid("spec.capacity[storage]", "0", "must be greater than zero"), "FieldValueInvalid", "spec.capacity[storage]: Invalid value: \"0\": must be greater than zero" },
        { FieldError.Invalid("f", "v", ""), "FieldValueInvalid", "f: Invalid value: \"v\"" },
        { FieldError.NotSupported("f", "v", ["a", "b", "c"]), "FieldValueNotSupported", "f: Unsupported value: \"v\": supported values: \"a\", \"b\", \"c\"" },
        { FieldError.NotSupported("reclaimPolicy", "Recycle", ["Delete", "Retain"]), "FieldValueNotSupported", "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"" },
        { FieldError.NotSupported("f", "v", []), "FieldValueNotSupported", "f: Unsupported value: \"v\"" },
        { FieldError.Forbidden("spec", "may not specify more than 1 volume type"), "FieldValueForbidden", "spec: Forbidden: may not specify more than 1 volume type" },
        { FieldError.Duplicate("spec.accessModes[1]", "ReadWriteOnce"), "FieldValueDuplicate", "spec.accessModes[1]: Duplicate value: \"ReadWriteOnce\"" },
        { FieldError.TooLong("metadata.annotations", 262144), "FieldValueTooLong", "metadata.annotations: Too long: may not be more than 262144 bytes" },
        { FieldError.TooLong("f", 1), "FieldValueTooLong", "f: Too long: may not be more than 1 byte" },
        { FieldError.TooLong("f", -1), "FieldValueTooLong", "f: Too long: value is too long" },
        { FieldError.TooMany("parameters", 513, 512), "FieldValueTooMany", "parameters: Too many: 513: must have at most 512 items" },
        { FieldError.TooMany("f", -1, 1), "FieldValueTooMany", "f: Too many: must have at most 1 item" },
        { FieldError.TooMany("f", 3, -1), "FieldValueTooMany", "f: Too many: 3: has too many items" },
        { FieldError.NotFound("spec.storageClassName", "fast"), "FieldValueNotFound", "spec.storageClassName: Not found: \"fast\"" },
        { FieldError.TypeInvalid("spec.replicas", "x", "must be of type integer"), "FieldValueTypeInvalid", "spec.replicas: Invalid value: \"x\": must be of type integer" },
        { FieldError.InternalError("metadata.name", "e"), "InternalError", "metadata.name: Internal error: e" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Formats_the_kubernetes_message_and_reason(FieldError error, string reason, string message)
    {
        Assert.Equal(reason, error.Reason);
        Assert.Equal(message, error.ToString());
        Assert.Equal(message[(error.Field.Length + 2)..], error.ErrorBody());
    }

    [Theory]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("ctl\u0001\u007f", "\"ctl\\x01\\x7f\"")]
    [InlineData("nbsp\u00a0", "\"nbsp\\u00a0\"")]
    [InlineData("Māori 日本 ✓", "\"Māori 日本 ✓\"")]
    [InlineData("", "\"\"")]
    public void Quotes_string_values_like_go(string value, string quoted)
    {
        Assert.Equal("Invalid value: " + quoted, FieldError.Invalid("f", value, "").ErrorBody());
    }

    [Fact]
    public void Joins_several_errors_in_brackets_and_drops_duplicates()
    {
        var required = FieldError.Required("spec.capacity");
        var unsupported = FieldError.NotSupported("spec.accessModes", "ReadWriteSometimes", ["ReadWriteOnce"]);

        Assert.Equal("", FieldError.Join([]));
        Assert.Equal("spec.capacity: Required value", FieldError.Join([required, required]));
        Assert.Equal(
            "[spec.capacity: Required value, spec.accessModes: Unsupported value: \"ReadWriteSometimes\": supported values: \"ReadWriteOnce\"]",
            FieldError.Join([required, unsupported]));
    }

    [Fact]
    public void Compares_errors_by_value()
    {
        Assert.Equal(FieldError.Required("a", "b"), new FieldError(FieldErrorType.Required, "a", "", "b"));
        Assert.NotEqual(FieldError.Invalid("f", 2, ""), FieldError.Invalid("f", "2", ""));
    }
}
