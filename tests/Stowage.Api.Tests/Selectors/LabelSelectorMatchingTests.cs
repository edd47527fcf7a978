using Stowage.Api.Selectors;

namespace Stowage.Api.Tests.Selectors;

/// <summary>Kubernetes' TestSelectorMatches, TestRequirementSelectorMatching and TestSetMatches.</summary>
public sealed class LabelSelectorMatchingTests
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

    public static TheoryData<string, Dictionary<string, string>, bool> Cases => new()
    {
        { "", Labels("x", "y"), true },
        { "x=y", Labels("x", "y"), true },
        { "x=y,z=w", Labels("x", "y", "z", "w"), true },
        { "x!=y,z!=w", Labels("x", "z", "z", "a"), true },
        { "notin=in", Labels("notin", "in"), true }, // in and notin in exactMatch
        { "x", Labels("x", "z"), true },
        { "!x", Labels("y", "z"), true },
        { "x>1", Labels("x", "2"), true },
        { "x<1", Labels("x", "0"), true },
        { "x=z", Labels(), false },
        { "x=y", Labels("x", "z"), false },
        { "x=y,z=w", Labels("x", "w", "z", "w"), false },
        { "x!=y,z!=w", Labels("x", "z", "z", "w"), false },
        { "x", Labels("y", "z"), false },
        { "!x", Labels("x", "z"), false },
        { "x>1", Labels("x", "0"), false },
        { "x<1", Labels("x", "2"), false },
        { "foo=bar", Labels("foo", "bar", "baz", "blah"), true },
        { "baz=blah", Labels("foo", "bar", "baz", "blah"), true },
        { "foo=bar,baz=blah", Labels("foo", "bar", "baz", "blah"), true },
        { "foo=blah", Labels("foo", "bar", "baz", "blah"), false },
        { "baz=bar", Labels("foo", "bar", "baz", "blah"), false },
        { "foo=bar,foobar=bar,baz=blah", Labels("foo", "bar", "baz", "blah"), false },

        // TestRequirementSelectorMatching
        { "x in (foo),y notin (alpha)", Labels("x", "foo", "y", "baz"), true },
        { "x in (foo),y in (alpha)", Labels("x", "foo", "y", "baz"), false },
        { "x notin (),y", Labels("y", ""), true },
        { "!x,y", Labels("y", ""), true },
        { "x notin (),!y", Labels("y", ""), false },
        { "x in ()", Labels("y", "baz"), false },
        { "z>1", Labels("z", "2"), true },
        { "z>1", Labels("z", "v2"), false },

        // Absent keys satisfy notin and !=; exists accepts the empty value.
        { "tier notin (cache)", Labels(), true },
        { "tier!=cache", Labels(), true },
        { "tier", Labels("tier", ""), true },
        { "tier in (cache,db)", Labels("tier", "db"), true },
        { "tier in (cache,db)", Labels("tier", "web"), false },
        { "x==y", Labels("x", "y"), true },
        { "x>-5", Labels("x", "1"), false },
        { "x<10", Labels("x", "+3"), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_label_sets(string text, Dictionary<string, string> labels, bool matches)
    {
        if (!LabelSelectorParser.TryParse(text, out var selector, out _))
        {
            // "x>-5" has a value that is not a label value, so it cannot be parsed at all.
            Assert.False(matches);
            return;
        }
        Assert.Equal(matches, selector.Matches(labels));
    }

    [Fact]
    public void Treats_null_labels_as_an_empty_set()
    {
        Assert.True(LabelSelectorParser.Parse("!x,y notin (a)").Matches(null));
        Assert.False(LabelSelectorParser.Parse("x").Matches(null));
    }

    [Fact]
    public void Everything_matches_and_is_empty_while_nothing_matches_nothing()
    {
        Assert.True(Selector.Everything.Matches(Labels("x", "y")));
        Assert.True(Selector.Everything.IsEmpty);
        Assert.False(Selector.Nothing.Matches(Labels("x", "y")));
        Assert.False(Selector.Nothing.IsEmpty);
        Assert.True(Selector.Nothing.MatchesNothing);
        Assert.Equal("", Selector.Nothing.ToString());
    }

    // TestSetMatches, TestNilMapIsValid, TestSetIsEmpty.
    [Fact]
    public void A_set_selector_requires_every_pair()
    {
        var labels = Labels("foo", "bar", "baz", "blah");

        Assert.True(Selector.FromSet(Labels()).Matches(labels));
        Assert.True(Selector.FromSet(Labels("foo", "bar")).Matches(labels));
        Assert.True(Selector.FromSet(Labels("baz", "blah")).Matches(labels));
        Assert.True(Selector.FromSet(Labels("foo", "bar", "baz", "blah")).Matches(labels));
        Assert.False(Selector.FromSet(Labels("foo", "=blah")).Matches(labels));
        Assert.True(Selector.FromSet(null).IsEmpty);
        Assert.True(Selector.FromSet(Labels()).IsEmpty);
        Assert.Equal("baz=blah,foo=bar", Selector.FromSet(Labels("foo", "bar", "baz", "blah")).ToString());
    }

    [Theory]
    [InlineData("x=a", "x", "a", true)]
    [InlineData("x==a", "x", "a", true)]
    [InlineData("x in (a)", "x", "a", true)]
    [InlineData("x in (a,b)", "x", "", false)]
    [InlineData("x!=a", "x", "", false)]
    [InlineData("y=a", "x", "", false)]
    public void Reports_when_a_selector_pins_a_label_to_one_value(string text, string label, string value, bool found)
    {
        Assert.Equal(found, LabelSelectorParser.Parse(text).TryGetExactMatch(label, out var actual));
        Assert.Equal(value, actual);
    }
}
