using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>Kubernetes' ValidateLabels and ValidateAnnotations rules.</summary>
public sealed class MetadataValidationTests
{
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Fact]
    public void Accepts_valid_labels_and_no_labels()
    {
        var labels = new Dictionary<string, string>
        {
            ["app"] = "web",
            ["kubernetes.io/metadata.name"] = "default",
            ["empty"] = "",
            ["Upper_Case.ok"] = "V-1.2_3",
        };

        Assert.Empty(MetadataValidation.ValidateLabels(labels, "metadata.labels"));
        Assert.Empty(MetadataValidation.ValidateLabels(null, "metadata.labels"));
    }

    [Fact]
    public void Reports_bad_label_keys_and_values_at_the_labels_field()
    {
        var labels = new Dictionary<string, string> { ["good"] = "-bad", ["a/b/c"] = "ok" };

        var errors = MetadataValidation.ValidateLabels(labels, "metadata.labels");

        Assert.Equal(2, errors.Count);
        Assert.Equal(
            "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            errors[0].ToString());
        Assert.Equal("metadata.labels: Invalid value: \"-bad\": " + LabelValueMessage, errors[1].ToString());
        Assert.All(errors, error => Assert.Equal("FieldValueInvalid", error.Reason));
    }

    [Fact]
    public void Accepts_annotation_keys_in_any_case_and_any_values()
    {
        var annotations = new Dictionary<string, string>
        {
            ["Example.COM/Some-Key"] = "any value at all: {\"json\": true}",
            ["pv.kubernetes.io/bound-by-controller"] = "yes",
        };

        Assert.Empty(MetadataValidation.ValidateAnnotations(annotations, "metadata.annotations"));
    }

    [Fact]
    public void Reports_bad_annotation_keys_with_the_original_spelling()
    {
        var annotations = new Dictionary<string, string> { ["Bad Key"] = "v" };

        var error = Assert.Single(MetadataValidation.ValidateAnnotations(annotations, "metadata.annotations"));

        Assert.Equal("Bad Key", error.BadValue);
        Assert.StartsWith("metadata.annotations: Invalid value: \"Bad Key\": name part must consist of", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(262143, false)]
    [InlineData(262144, true)]
    public void Limits_annotations_to_256_kib_of_keys_and_values(int valueLength, bool tooLong)
    {
        // The key "k" adds one byte.
        var annotations = new Dictionary<string, string> { ["k"] = new string('x', valueLength) };

        var errors = MetadataValidation.ValidateAnnotations(annotations, "metadata.annotations");

        if (tooLong)
        {
            Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", Assert.Single(errors).ToString());
        }
        else
        {
            Assert.Empty(errors);
        }
    }
}
