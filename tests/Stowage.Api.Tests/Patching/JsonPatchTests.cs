using Stowage.Api.Patching;

namespace Stowage.Api.Tests.Patching;

public class JsonPatchTests
{
    public static TheoryData<string, string, string, string> Applying => new()
    {
        { "adds a member", """{"a":1}""", """[{"op":"add","path":"/b","value":2}]""", """{"a":1,"b":2}""" },
        { "adds at an array index", """{"a":[1,3]}""", """[{"op":"add","path":"/a/1","value":2}]""", """{"a":[1,2,3]}""" },
        { "appends with the dash index", """{"a":[1]}""", """[{"op":"add","path":"/a/-","value":2}]""", """{"a":[1,2]}""" },
        { "adds at the end index", """{"a":[1]}""", """[{"op":"add","path":"/a/1","value":2}]""", """{"a":[1,2]}""" },
        { "adds null", """{}""", """[{"op":"add","path":"/a","value":null}]""", """{"a":null}""" },
        { "removes a member", """{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""" },
        { "removes an array item", """{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/1"}]""", """{"a":[1,3]}""" },
        { "removes from the end with a negative index", """{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/-1"}]""", """{"a":[1,2]}""" },
        { "replaces a member", """{"a":1}""", """[{"op":"replace","path":"/a","value":{"x":true}}]""", """{"a":{"x":true}}""" },
        { "replaces a missing member by adding it, as evanphx v4 does", """{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""", """{"a":1,"b":2}""" },
        { "moves a member", """{"a":{"x":1},"b":{}}""", """[{"op":"move","from":"/a/x","path":"/b/y"}]""", """{"a":{},"b":{"y":1}}""" },
        { "copies a member", """{"a":{"x":[1]}}""", """[{"op":"copy","from":"/a/x","path":"/a/y"}]""", """{"a":{"x":[1],"y":[1]}}""" },
        { "passes a test and goes on", """{"a":{"b":1.0}}""", """[{"op":"test","path":"/a","value":{"b":1}},{"op":"remove","path":"/a"}]""", """{}""" },
        { "passes a test of null against a missing member", """{}""", """[{"op":"test","path":"/a","value":null}]""", """{}""" },
        { "unescapes ~1 and ~0", """{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"replace","path":"/m~0n","value":4}]""", """{"a/b":3,"m~n":4}""" },
        {
            "replaces a claim's storage request as kubectl patch --type json does",
            """{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""",
            """[{"op":"replace","path":"/spec/resources/requests/storage","value":"4Gi"}]""",
            """{"spec":{"resources":{"requests":{"storage":"4Gi"}}}}"""
        },
        { "applies nothing for a null patch", """{"a":1}""", "null", """{"a":1}""" },
    };

    public static TheoryData<string, string, string, PatchErrorReason, string> Failing => new()
    {
        {
            "remove of a missing member", """{"spec":{}}""", """[{"op":"remove","path":"/spec/nope"}]""",
            PatchErrorReason.Invalid, "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value"
        },
        {
            "remove below a missing member", """{"spec":{}}""", """[{"op":"remove","path":"/spec/nope/x"}]""",
            PatchErrorReason.Invalid, "remove operation does not apply: doc is missing path: \"/spec/nope/x\": missing value"
        },
        {
            "replace of a missing array index", """{"a":[1]}""", """[{"op":"replace","path":"/a/5","value":1}]""",
            PatchErrorReason.Invalid, "replace operation does not apply: doc is missing key: /a/5: missing value"
        },
        {
            "replace below a missing member", """{}""", """[{"op":"replace","path":"/spec/x","value":1}]""",
            PatchErrorReason.Invalid, "replace operation does not apply: doc is missing path: /spec/x: missing value"
        },
        {
            "add below a missing member", """{}""", """[{"op":"add","path":"/spec/x","value":1}]""",
            PatchErrorReason.Invalid, "add operation does not apply: doc is missing path: \"/spec/x\": missing value"
        },
        {
            "add past the end of an array", """{"a":[1]}""", """[{"op":"add","path":"/a/5","value":1}]""",
            PatchErrorReason.Invalid, "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced"
        },
        {
            "add at a non-numeric array index", """{"a":[1]}""", """[{"op":"add","path":"/a/x","value":1}]""",
            PatchErrorReason.Invalid, "error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax"
        },
        {
            "a failed test", """{"a":1}""", """[{"op":"test","path":"/a","value":2}]""",
            PatchErrorReason.Invalid, "testing value /a failed: test failed"
        },
        {
            "a move from a missing parent", """{}""", """[{"op":"move","from":"/x/y","path":"/z"}]""",
            PatchErrorReason.Invalid, "move operation does not apply: doc is missing from path: /x/y: missing value"
        },
        {
            "an unknown operation", """{}""", """[{"op":"frobnicate","path":"/a"}]""",
            PatchErrorReason.Invalid, "Unexpected kind: frobnicate"
        },
        {
            "an operation without a path", """{}""", """[{"op":"add","value":1}]""",
            PatchErrorReason.Invalid, "add operation failed to decode path: missing value"
        },
        {
            "a patch that is not an array", """{}""", """{"op":"add"}""",
            PatchErrorReason.BadRequest, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"
        },
        {
            "a patch with a non-object operation", """{}""", """["add"]""",
            PatchErrorReason.BadRequest, "json: cannot unmarshal string into Go value of type jsonpatch.Operation"
        },
    };

    [Theory]
    [MemberData(nameof(Applying))]
    public void Applies_operations_in_order(string because, string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonText.Parse(document)!, JsonText.Parse(patch));

        Assert.Equal((because, JsonText.Canonical(JsonText.Parse(expected))), (because, JsonText.Canonical(result)));
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void Reports_failures_in_evanphx_wording(string because, string document, string patch, PatchErrorReason reason, string message)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonText.Parse(document)!, JsonText.Parse(patch)));

        Assert.Equal((because, reason, message), (because, error.Reason, error.Message));
    }

    [Fact]
    public void Leaves_the_input_document_untouched()
    {
        var document = JsonText.Parse("""{"a":[1,2]}""")!;

        JsonPatch.Apply(document, JsonText.Parse("""[{"op":"remove","path":"/a/0"}]"""));

        JsonText.Equal("""{"a":[1,2]}""", document);
    }

    [Fact]
    public void Applies_nothing_when_a_later_operation_fails()
    {
        var document = JsonText.Parse("""{"a":1}""")!;

        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, JsonText.Parse("""[{"op":"remove","path":"/a"},{"op":"test","path":"/a","value":1}]""")));

        JsonText.Equal("""{"a":1}""", document);
    }
}
