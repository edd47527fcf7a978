using Stowage.Api.Selectors;

namespace Stowage.Api.Tests.Selectors;

/// <summary>Kubernetes' fields/selector_test.go tables.</summary>
public sealed class FieldSelectorTests
{
    private static Dictionary<string, string> Fields(params string[] pairs)
    {
        var fields = new Dictionary<string, string>();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            fields[pairs[i]] = pairs[i + 1];
        }
        return fields;
    }

    // TestSelectorParse: good strings write back unchanged.
    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("")]
    [InlineData("x!=a,y=b")]
    [InlineData("x=a||y\\=b")]
    [InlineData("x=a\\=\\=b")]
    public void Parses_good_selectors_and_writes_them_back(string text)
    {
        Assert.Equal(text, FieldSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("x=a||y=b", "invalid field selector: unescaped character in value: 61")]
    [InlineData("x==a==b", "invalid field selector: unescaped character in value: 61")]
    [InlineData("x=a,b", "invalid selector: 'x=a,b'; can't understand 'b'")]
    [InlineData("x in (a)", "invalid selector: 'x in (a)'; can't understand 'x in (a)'")]
    [InlineData("x in (a,b,c)", "invalid selector: 'x in (a,b,c)'; can't understand 'b'")]
    [InlineData("x", "invalid selector: 'x'; can't understand 'x'")]
    [InlineData("k=\\a\\b\\", "invalid field selector: invalid escape sequence: \\a")]
    [InlineData("k=\\", "invalid field selector: invalid escape sequence: \\")]
    [InlineData("k=\\\\\\", "invalid field selector: invalid escape sequence: \\")]
    public void Rejects_bad_selectors_with_the_kubernetes_message(string text, string message)
    {
        Assert.False(FieldSelector.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => FieldSelector.Parse(text)).Message);
    }

    [Fact]
    public void Parses_to_the_same_selector_whatever_the_term_order()
    {
        Assert.Equal(FieldSelector.Parse("x=a,a=x").ToString(), FieldSelector.Parse("a=x,x=a").ToString());
    }

    // TestSplitTerms and TestSplitTerm, observed through the parsed requirements.
    [Theory]
    [InlineData("a=avalue", new[] { "a", "=", "avalue" })]
    [InlineData("a=avalue,b=bvalue", new[] { "a", "=", "avalue", "b", "=", "bvalue" })]
    [InlineData("a=avalue,b==bvalue,c!=cvalue", new[] { "a", "=", "avalue", "b", "=", "bvalue", "c", "!=", "cvalue" })]
    [InlineData("a=a,", new[] { "a", "=", "a" })]
    [InlineData(",a=a", new[] { "a", "=", "a" })]
    // Terms are sorted as written, so "k2=..." comes before "k=\,...".
    [InlineData("k=\\,,k2=v2", new[] { "k2", "=", "v2", "k", "=", "," })]
    [InlineData("k=\\\\,k2=v2", new[] { "k2", "=", "v2", "k", "=", "\\" })]
    [InlineData("k=\\\\\\,,k2=v2", new[] { "k2", "=", "v2", "k", "=", "\\," })]
    [InlineData("k=\\=", new[] { "k", "=", "=" })]
    [InlineData("함=수,목=록", new[] { "목", "=", "록", "함", "=", "수" })]
    [InlineData("spec.nodeName=", new[] { "spec.nodeName", "=", "" })]
    [InlineData("=", new string[0])]
    [InlineData("a!==b", new[] { "a", "!=", "=b" })]
    public void Splits_terms_and_unescapes_values(string text, string[] expected)
    {
        // "a!==b" splits at "!=" and then rejects the unescaped "=", like Kubernetes.
        if (!FieldSelector.TryParse(text, out var selector, out _))
        {
            Assert.Equal("a!==b", text);
            return;
        }
        var actual = selector.Requirements.SelectMany(r =>
            new[] { r.Field, r.Operator == FieldSelectorOperator.Equal ? "=" : "!=", r.Value });
        Assert.Equal(expected, actual);
    }

    // TestEscapeValue.
    [Theory]
    [InlineData("", "")]
    [InlineData("a", "a")]
    [InlineData("=", "\\=")]
    [InlineData(",", "\\,")]
    [InlineData("\\", "\\\\")]
    [InlineData("\\=\\,\\", "\\\\\\=\\\\\\,\\\\")]
    public void Escapes_and_unescapes_values(string value, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.EscapeValue(value));
        Assert.True(FieldSelector.TryUnescapeValue(escaped, out var unescaped, out _));
        Assert.Equal(value, unescaped);
    }

    [Theory]
    [InlineData("\\")]
    [InlineData("\\\\\\")]
    [InlineData("\\a")]
    public void Rejects_invalid_escape_sequences(string escaped)
    {
        Assert.False(FieldSelector.TryUnescapeValue(escaped, out _, out var error));
        Assert.Contains("invalid escape sequence", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, Dictionary<string, string>, bool> Cases => new()
    {
        { "", Fields("x", "y"), true },
        { "x=y", Fields("x", "y"), true },
        { "x=y,z=w", Fields("x", "y", "z", "w"), true },
        { "x!=y,z!=w", Fields("x", "z", "z", "a"), true },
        { "notin=in", Fields("notin", "in"), true },
        { "x=y", Fields("x", "z"), false },
        { "x=y,z=w", Fields("x", "w", "z", "w"), false },
        { "x!=y,z!=w", Fields("x", "z", "z", "w"), false },
        { "foo=bar", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), true },
        { "baz=blah", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), true },
        { "foo=bar,baz=blah", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), true },
        { "foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), true },
        { "foo=blah", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), false },
        { "baz=bar", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), false },
        { "foo=bar,foobar=bar,baz=blah", Fields("foo", "bar", "baz", "blah", "complex", "=value\\,\\"), false },
        // A missing field reads as the empty string.
        { "spec.nodeName=", Fields(), true },
        { "spec.nodeName!=", Fields(), false },
        { "spec.nodeName!=node1", Fields(), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_field_values(string text, Dictionary<string, string> fields, bool matches)
    {
        var selector = FieldSelector.Parse(text);

        Assert.Equal(matches, selector.Matches(fields));
        Assert.Equal(matches, selector.Matches(field => fields.GetValueOrDefault(field)));
    }

    [Fact]
    public void Everything_matches_and_is_empty()
    {
        Assert.True(FieldSelector.Everything.Matches(Fields("x", "y")));
        Assert.True(FieldSelector.Everything.IsEmpty);
        Assert.True(FieldSelector.Parse("").IsEmpty);
        Assert.True(FieldSelector.FromSet(null).IsEmpty);
        Assert.True(FieldSelector.FromSet(Fields()).IsEmpty);
    }

    // TestSetMatches and TestOneTermEqualSelector.
    [Fact]
    public void A_set_selector_requires_every_field()
    {
        var fields = Fields("foo", "bar", "baz", "blah");

        Assert.True(FieldSelector.FromSet(Fields("foo", "bar")).Matches(fields));
        Assert.True(FieldSelector.FromSet(Fields("foo", "bar", "baz", "blah")).Matches(fields));
        Assert.False(FieldSelector.FromSet(Fields("foo", "=blah")).Matches(fields));
        Assert.False(FieldSelector.FromSet(Fields("foo", "=bar", "foobar", "bar", "baz", "blah")).Matches(fields));
        Assert.Equal("baz=blah,foo=\\=bar", FieldSelector.FromSet(Fields("foo", "=bar", "baz", "blah")).ToString());
    }

    // TestRequiresExactMatch.
    [Theory]
    [InlineData("", "test", "", false)]
    [InlineData("a=b", "test", "", false)]
    [InlineData("test=b", "test", "b", true)]
    [InlineData("test==b", "test", "b", true)]
    [InlineData("test=", "test", "", true)]
    [InlineData("test!=b", "test", "", false)]
    [InlineData("test!=", "test", "", false)]
    [InlineData("a=,test=b", "test", "b", true)]
    public void Reports_when_a_selector_pins_a_field_to_one_value(string text, string field, string value, bool found)
    {
        Assert.Equal(found, FieldSelector.Parse(text).TryGetExactMatch(field, out var actual));
        Assert.Equal(value, actual);
    }

    [Fact]
    public void Exposes_requirements_for_the_server_to_check_supported_fields()
    {
        var selector = FieldSelector.Parse("metadata.name=pv0003,status.phase!=Bound");
        var supported = new HashSet<string>(StringComparer.Ordinal) { "metadata.name" };

        Assert.Equal(
            [
                new FieldSelectorRequirement("metadata.name", FieldSelectorOperator.Equal, "pv0003"),
                new FieldSelectorRequirement("status.phase", FieldSelectorOperator.NotEqual, "Bound"),
            ],
            selector.Requirements);
        Assert.False(selector.TryValidateFields(supported.Contains, out var error));
        Assert.Equal("field label not supported: status.phase", error);
        Assert.True(FieldSelector.Parse("metadata.name=x").TryValidateFields(supported.Contains, out error));
        Assert.Null(error);
    }

    [Fact]
    public void Parses_the_field_selectors_kubectl_sends()
    {
        var selector = FieldSelector.Parse(
            "involvedObject.uid=1b2c,involvedObject.name=pv0002,involvedObject.namespace=,involvedObject.kind=PersistentVolume");

        Assert.True(selector.Matches(Fields(
            "involvedObject.uid", "1b2c", "involvedObject.name", "pv0002", "involvedObject.namespace", "", "involvedObject.kind", "PersistentVolume")));
        Assert.False(selector.Matches(Fields("involvedObject.uid", "1b2c", "involvedObject.name", "pv0002")));
    }
}
