using Stowage.Api.Selectors;

namespace Stowage.Api.Tests.Selectors;

/// <summary>Kubernetes' TestSelectorParse, TestSetSelectorParser and the parser's error texts.</summary>
public sealed class LabelSelectorParserTests
{
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    // TestSelectorParse: good strings restring to themselves without spaces.
    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("")]
    [InlineData("x!=a,y=b")]
    [InlineData("x=")]
    [InlineData("x= ")]
    [InlineData("x=,z= ")]
    [InlineData("x= ,z= ")]
    [InlineData("!x")]
    [InlineData("x>1")]
    [InlineData("x>1,z<5")]
    public void Parses_good_selectors_and_writes_them_back(string text)
    {
        var selector = LabelSelectorParser.Parse(text);

        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), selector.ToString());
    }

    [Fact]
    public void Parses_to_the_same_selector_whatever_the_requirement_order()
    {
        Assert.Equal(LabelSelectorParser.Parse("x=a,a=x").ToString(), LabelSelectorParser.Parse("a=x,x=a").ToString());
        Assert.Equal("a=x,x=a", LabelSelectorParser.Parse("x=a,a=x").ToString());
    }

    // TestSetSelectorParser: input and the selector it parses to (written back), or null when invalid.
    [Theory]
    [InlineData("", "")]
    [InlineData("\rx", "x")]
    [InlineData("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash")]
    [InlineData("this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)")]
    [InlineData("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)")]
    [InlineData("foo  in\t (abc)", "foo in (abc)")]
    [InlineData("x notin\n (abc)", "x notin (abc)")]
    [InlineData("x  notin\t\t\t(abc,def)", "x notin (abc,def)")]
    [InlineData("x in (abc,def)", "x in (abc,def)")]
    [InlineData("x in (abc,)", "x in (,abc)")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x notin (abc,def),bar,z in (),w", "bar,w,x notin (abc,def),z in ()")]
    [InlineData("x,y in (a)", "x,y in (a)")]
    [InlineData("x=a", "x=a")]
    [InlineData("x>1", "x>1")]
    [InlineData("x<7", "x<7")]
    [InlineData("x=a,y!=b", "x=a,y!=b")]
    [InlineData("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)")]
    [InlineData("x==a", "x==a")]
    [InlineData("x,y", "x,y")]
    [InlineData("x notin ( )", "x notin ()")]
    [InlineData("x notin (, a)", "x notin (,a)")]
    [InlineData("a ", "a")]
    [InlineData("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)")]
    [InlineData("a in (b,b,a)", "a in (a,b)")]
    [InlineData("in=notin", "in=notin")]
    [InlineData("x=a||y=b", null)]
    [InlineData("x,,y", null)]
    [InlineData(",x,y", null)]
    [InlineData("x nott in (y)", null)]
    [InlineData("a in (xyz),", null)]
    [InlineData("a in (xyz)b notin ()", null)]
    [InlineData("a in (xyz abc)", null)]
    [InlineData("a notin(", null)]
    [InlineData("a (", null)]
    [InlineData("(", null)]
    [InlineData("x==a==b", null)]
    [InlineData("!x=a", null)]
    [InlineData("x<a", null)]
    public void Parses_set_based_and_equality_requirements(string text, string? written)
    {
        bool parsed = LabelSelectorParser.TryParse(text, out var selector, out var error);

        Assert.Equal(written is not null, parsed);
        if (written is null)
        {
            Assert.NotNull(error);
        }
        else
        {
            Assert.Null(error);
            Assert.Equal(written, selector.ToString());
        }
    }

    [Theory]
    [InlineData("x==a==b", "found '==', expected: ',' or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData("x,,y", "found ',', expected: identifier after ','")]
    [InlineData("a in (xyz),", "found '', expected: identifier after ','")]
    [InlineData(",x,y", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("(", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'")]
    [InlineData("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("a in xyz", "unable to parse requirement: found 'xyz' expected: '('")]
    [InlineData("a in (x,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!=a", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + LabelValueMessage)]
    [InlineData("x>-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + LabelValueMessage)]
    [InlineData("x/y/z", "unable to parse requirement: <nil>: Invalid value: \"x/y/z\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("-x", "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    public void Rejects_bad_selectors_with_the_kubernetes_message(string text, string message)
    {
        Assert.False(LabelSelectorParser.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => LabelSelectorParser.Parse(text)).Message);
    }

    [Fact]
    public void Parses_null_and_whitespace_as_everything()
    {
        Assert.True(LabelSelectorParser.TryParse(null, out var fromNull, out _));
        Assert.True(fromNull.IsEmpty);
        Assert.True(LabelSelectorParser.Parse(" \t\r\n ").IsEmpty);
    }

    [Fact]
    public void Exposes_the_requirements_with_their_operators_and_values()
    {
        var selector = LabelSelectorParser.Parse("tier notin (cache, db),app=web,!legacy,env,n>3");

        Assert.Equal(["app", "env", "legacy", "n", "tier"], selector.Requirements.Select(r => r.Key));
        Assert.Equal(
            [SelectionOperator.Equal, SelectionOperator.Exists, SelectionOperator.DoesNotExist, SelectionOperator.GreaterThan, SelectionOperator.NotIn],
            selector.Requirements.Select(r => r.Operator));
        Assert.Equal(["web"], selector.Requirements[0].Values);
        Assert.Empty(selector.Requirements[1].Values);
        Assert.Empty(selector.Requirements[2].Values);
        Assert.Equal(["3"], selector.Requirements[3].Values);
        Assert.Equal(["cache", "db"], selector.Requirements[4].Values);
    }
}
