using Stowage.Api.Selectors;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Selectors;

/// <summary>metav1.LabelSelectorAsSelector and labels.NewRequirement (TestRequirementConstructor).</summary>
public sealed class LabelSelectorConversionTests
{
    private static Dictionary<string, string> Labels(params string[] pairs)
    {
        var labels = new Dictionary<string, string>();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            labels[pairs[i]] = pairs[i + 1];
        }
        return labels;
    }

    private static Selector Convert(LabelSelector? selector)
    {
        Assert.True(Selector.TryFromLabelSelector(selector, out var result, out var error), error);
        return result;
    }

    [Fact]
    public void A_null_selector_applies_no_filter()
    {
        var selector = Convert(null);

        Assert.True(selector.IsEmpty);
        Assert.True(selector.Matches(Labels("any", "thing")));
        Assert.True(selector.Matches(null));
    }

    [Fact]
    public void An_empty_selector_matches_everything()
    {
        Assert.True(Convert(new LabelSelector()).Matches(Labels("x", "y")));
        Assert.True(Convert(new LabelSelector { MatchLabels = Labels(), MatchExpressions = [] }).IsEmpty);
    }

    [Fact]
    public void Match_labels_require_each_key_with_exactly_its_value()
    {
        var selector = Convert(new LabelSelector { MatchLabels = Labels("disktype", "ssd", "zone", "a") });

        Assert.True(selector.Matches(Labels("disktype", "ssd", "zone", "a", "extra", "1")));
        Assert.False(selector.Matches(Labels("disktype", "ssd")));
        Assert.False(selector.Matches(Labels("disktype", "hdd", "zone", "a")));
        Assert.Equal("disktype=ssd,zone=a", selector.ToString());
    }

    public static TheoryData<string, string[]?, Dictionary<string, string>, bool> Expressions => new()
    {
        { "In", ["ssd", "nvme"], Labels("disk", "ssd"), true },
        { "In", ["ssd", "nvme"], Labels("disk", "hdd"), false },
        { "In", ["ssd"], Labels(), false },
        { "NotIn", ["hdd"], Labels("disk", "ssd"), true },
        { "NotIn", ["hdd"], Labels("disk", "hdd"), false },
        { "NotIn", ["hdd"], Labels(), true }, // an unlabelled volume satisfies NotIn
        { "Exists", null, Labels("disk", ""), true },
        { "Exists", [], Labels(), false },
        { "DoesNotExist", null, Labels(), true },
        { "DoesNotExist", null, Labels("disk", "ssd"), false },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Match_expressions_follow_the_operator(string op, string[]? values, Dictionary<string, string> labels, bool matches)
    {
        var selector = Convert(new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "disk", Operator = op, Values = values }],
        });

        Assert.Equal(matches, selector.Matches(labels));
    }

    [Fact]
    public void Match_labels_and_expressions_are_anded()
    {
        var selector = Convert(new LabelSelector
        {
            MatchLabels = Labels("app", "db"),
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["cache"] }],
        });

        Assert.True(selector.Matches(Labels("app", "db")));
        Assert.False(selector.Matches(Labels("app", "db", "tier", "cache")));
        Assert.False(selector.Matches(Labels("tier", "prod")));
        Assert.Equal("app=db,tier notin (cache)", selector.ToString());
    }

    [Theory]
    [InlineData("Equals", null, "\"Equals\" is not a valid label selector operator")]
    [InlineData("in", null, "\"in\" is not a valid label selector operator")]
    [InlineData("In", null, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("Exists", new[] { "a" }, "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist")]
    [InlineData("In", new[] { "a b" }, "values[0][disk]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Fails_to_convert_invalid_expressions_with_kubernetes_messages(string op, string[]? values, string message)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "disk", Operator = op, Values = values }],
        };

        Assert.False(Selector.TryFromLabelSelector(selector, out _, out var error));
        Assert.Equal(message, error);
    }

    // TestRequirementConstructor, with the messages of labels.NewRequirement.
    [Theory]
    [InlineData("x", SelectionOperator.In, null, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("x", SelectionOperator.NotIn, new string[0], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("x", SelectionOperator.In, new[] { "foo" }, null)]
    [InlineData("x", SelectionOperator.NotIn, new[] { "foo" }, null)]
    [InlineData("x", SelectionOperator.Exists, null, null)]
    [InlineData("x", SelectionOperator.DoesNotExist, null, null)]
    [InlineData("1foo", SelectionOperator.In, new[] { "bar" }, null)]
    [InlineData("1234", SelectionOperator.In, new[] { "bar" }, null)]
    [InlineData("y", SelectionOperator.GreaterThan, new[] { "1" }, null)]
    [InlineData("z", SelectionOperator.LessThan, new[] { "6" }, null)]
    [InlineData("foo", SelectionOperator.GreaterThan, new[] { "bar" }, "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("barz", SelectionOperator.LessThan, new[] { "blah" }, "values[0]: Invalid value: \"blah\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x13", SelectionOperator.GreaterThan, new string[0], "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required")]
    [InlineData("x5", SelectionOperator.Equal, new[] { "bar", "foo" }, "values: Invalid value: []string{\"bar\", \"foo\"}: exact-match compatibility requires one single value")]
    [InlineData("x8", SelectionOperator.Exists, new[] { "foo" }, "values: Invalid value: []string{\"foo\"}: values set must be empty for exists and does not exist")]
    [InlineData("x17", SelectionOperator.Equal, new[] { "a b" }, "values[0][x17]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Creates_requirements_with_kubernetes_checks(string key, SelectionOperator op, string[]? values, string? message)
    {
        bool created = LabelRequirement.TryCreate(key, op, values, out var requirement, out var errors);

        Assert.Equal(message is null, created);
        Assert.Equal(message ?? "", FieldError.Join(errors));
        Assert.Equal(created, requirement is not null);
    }

    [Fact]
    public void Rejects_over_long_keys_and_values()
    {
        Assert.False(LabelRequirement.TryCreate(new string('a', 254), SelectionOperator.Exists, null, out _, out var keyErrors));
        Assert.Equal("key", Assert.Single(keyErrors).Field);

        Assert.False(LabelRequirement.TryCreate("x16", SelectionOperator.Equal, [new string('a', 254)], out _, out var valueErrors));
        var error = Assert.Single(valueErrors);
        Assert.Equal("values[0][x16]", error.Field);
        Assert.EndsWith("must be no more than 63 characters", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefixes_error_fields_with_a_path()
    {
        Assert.False(LabelRequirement.TryCreate("x", SelectionOperator.In, null, out _, out var errors, "spec.selector"));

        Assert.Equal("spec.selector.values", Assert.Single(errors).Field);
    }

    // TestToString.
    [Fact]
    public void Writes_requirements_in_selector_syntax()
    {
        static LabelRequirement R(string key, SelectionOperator op, params string[] values)
        {
            Assert.True(LabelRequirement.TryCreate(key, op, values, out var requirement, out _));
            return requirement!;
        }

        Assert.Equal("x in (abc,def),y notin (jkl),z", Selector.FromRequirements([
            R("x", SelectionOperator.In, "def", "abc"), R("y", SelectionOperator.NotIn, "jkl"), R("z", SelectionOperator.Exists)]).ToString());
        Assert.Equal("x notin (abc,def),y!=jkl,!z", Selector.FromRequirements([
            R("x", SelectionOperator.NotIn, "abc", "def"), R("y", SelectionOperator.NotEqual, "jkl"), R("z", SelectionOperator.DoesNotExist)]).ToString());
        Assert.Equal("x notin (abc),y in (jkl,mno),z notin ()", Selector.FromRequirements([
            R("x", SelectionOperator.NotIn, "abc"), R("y", SelectionOperator.In, "jkl", "mno"), R("z", SelectionOperator.NotIn, "")]).ToString());
        Assert.Equal("x=abc,y==jkl,z!=a,z", Selector.FromRequirements([
            R("x", SelectionOperator.Equal, "abc"), R("y", SelectionOperator.DoubleEqual, "jkl"), R("z", SelectionOperator.NotEqual, "a"), R("z", SelectionOperator.Exists)]).ToString());
        Assert.Equal("x>2,y<8,z", Selector.FromRequirements([
            R("x", SelectionOperator.GreaterThan, "2"), R("y", SelectionOperator.LessThan, "8"), R("z", SelectionOperator.Exists)]).ToString());
    }
}
