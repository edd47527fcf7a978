using Stowage.Api.Patching;

namespace Stowage.Api.Tests.Patching;

public class MergePatchTests
{
    // RFC 7386 appendix A, plus kubectl's label commands; evanphx differs from the RFC only for
    // null and scalar patches, which it rejects.
    public static TheoryData<string, string, string> Rfc7386Examples => new()
    {
        { """{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""" },
        { """{"a":"b"}""", """{"a":null}""", """{}""" },
        { """{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""" },
        { """{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""" },
        { """{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""" },
        { """{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""" },
        { """["a","b"]""", """["c","d"]""", """["c","d"]""" },
        { """{"a":"b"}""", """["c"]""", """["c"]""" },
        { """{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""" },
        { """[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""" },
        { """{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""" },
        {
            """{"metadata":{"name":"pv0002","labels":{"tier":"gold"}}}""",
            """{"metadata":{"labels":{"disktype":"ssd"}}}""",
            """{"metadata":{"name":"pv0002","labels":{"tier":"gold","disktype":"ssd"}}}"""
        },
        {
            """{"metadata":{"name":"pv0002","labels":{"tier":"gold","disktype":"ssd"}}}""",
            """{"metadata":{"labels":{"tier":null}}}""",
            """{"metadata":{"name":"pv0002","labels":{"disktype":"ssd"}}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Rfc7386Examples))]
    public void Merges_as_rfc_7386_describes(string original, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonText.Parse(original), JsonText.Parse(patch));

        JsonText.Equal(expected, result);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"bar\"")]
    [InlineData("42")]
    public void Rejects_a_patch_that_is_not_an_object_or_array(string patch)
    {
        var error = Assert.Throws<PatchException>(() => MergePatch.Apply(JsonText.Parse("""{"a":1}"""), JsonText.Parse(patch)));

        Assert.Equal((PatchErrorReason.BadRequest, "Invalid JSON Patch"), (error.Reason, error.Message));
    }

    [Fact]
    public void Leaves_the_inputs_untouched()
    {
        var original = JsonText.Parse("""{"a":{"b":1}}""");
        var patch = JsonText.Parse("""{"a":{"c":2}}""");

        MergePatch.Apply(original, patch);

        JsonText.Equal("""{"a":{"b":1}}""", original);
        JsonText.Equal("""{"a":{"c":2}}""", patch);
    }
}
