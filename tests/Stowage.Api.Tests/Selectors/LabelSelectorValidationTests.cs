using Stowage.Api.Selectors;

namespace Stowage.Api.Tests.Selectors;

/// <summary>ValidateLabelSelector's rules and messages (research notes section 11.6).</summary>
public sealed class LabelSelectorValidationTests
{
    private static LabelSelector Expression(string key, string op, params string[]? values) =>
        new() { MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = values }] };

    [Fact]
    public void Accepts_null_empty_and_well_formed_selectors()
    {
        Assert.Empty(LabelSelectorValidation.Validate(null, "spec.selector"));
        Assert.Empty(LabelSelectorValidation.Validate(new LabelSelector(), "spec.selector"));
        Assert.Empty(LabelSelectorValidation.Validate(
            new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["disktype"] = "ssd" },
                MatchExpressions =
                [
                    new LabelSelectorRequirement { Key = "zone", Operator = "In", Values = ["a", "b"] },
                    new LabelSelectorRequirement { Key = "example.com/tier", Operator = "NotIn", Values = [""] },
                    new LabelSelectorRequirement { Key = "fast", Operator = "Exists" },
                    new LabelSelectorRequirement { Key = "slow", Operator = "DoesNotExist", Values = [] },
                ],
            },
            "spec.selector"));
    }

    [Theory]
    [InlineData("In", null, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'", "FieldValueRequired")]
    [InlineData("NotIn", new string[0], "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'", "FieldValueRequired")]
    [InlineData("Exists", new[] { "a" }, "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", "FieldValueForbidden")]
    [InlineData("DoesNotExist", new[] { "a" }, "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", "FieldValueForbidden")]
    [InlineData("Equals", null, "spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator", "FieldValueInvalid")]
    [InlineData("", null, "spec.selector.matchExpressions[0].operator: Invalid value: \"\": not a valid selector operator", "FieldValueInvalid")]
    public void Reports_operator_and_value_count_mistakes(string op, string[]? values, string message, string reason)
    {
        var error = Assert.Single(LabelSelectorValidation.Validate(Expression("disk", op, values), "spec.selector"));

        Assert.Equal(message, error.ToString());
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Reports_a_key_that_is_not_a_qualified_name()
    {
        var error = Assert.Single(LabelSelectorValidation.Validate(Expression("bad key", "Exists"), "spec.selector"));

        Assert.Equal("spec.selector.matchExpressions[0].key", error.Field);
        Assert.StartsWith("Invalid value: \"bad key\": name part must consist of alphanumeric characters", error.ErrorBody(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_each_invalid_value_at_its_index_unless_allowed()
    {
        var selector = Expression("disk", "In", "ok", "-bad-");

        var error = Assert.Single(LabelSelectorValidation.Validate(selector, "spec.selector"));

        Assert.Equal("spec.selector.matchExpressions[0].values[1]", error.Field);
        Assert.Equal("-bad-", error.BadValue);
        Assert.Empty(LabelSelectorValidation.Validate(selector, "spec.selector", allowInvalidLabelValues: true));
    }

    [Fact]
    public void Reports_match_label_mistakes_at_match_labels()
    {
        var selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["disk"] = "a b" } };

        var error = Assert.Single(LabelSelectorValidation.Validate(selector, "spec.selector"));

        Assert.Equal("spec.selector.matchLabels", error.Field);
        Assert.Equal("a b", error.BadValue);
    }

    [Fact]
    public void Reports_every_mistake_in_order()
    {
        var selector = new LabelSelector
        {
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "a", Operator = "In" },
                new LabelSelectorRequirement { Key = "-b", Operator = "Bogus", Values = ["x"] },
            ],
        };

        var errors = LabelSelectorValidation.Validate(selector, "spec.selector");

        Assert.Equal(
            ["spec.selector.matchExpressions[0].values", "spec.selector.matchExpressions[1].operator", "spec.selector.matchExpressions[1].key"],
            errors.Select(e => e.Field));
    }
}
