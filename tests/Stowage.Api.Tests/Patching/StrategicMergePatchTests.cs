using Stowage.Api.Patching;

namespace Stowage.Api.Tests.Patching;

public class StrategicMergePatchTests
{
    public static TheoryData<string, string, string, string> PodPatches => new()
    {
        {
            "adds a label",
            """{"metadata":{"labels":{"app":"web"}}}""",
            """{"metadata":{"labels":{"disktype":"ssd"}}}""",
            """{"metadata":{"labels":{"app":"web","disktype":"ssd"}}}"""
        },
        {
            "removes a label set to null",
            """{"metadata":{"labels":{"app":"web","tier":"gold"}}}""",
            """{"metadata":{"labels":{"tier":null}}}""",
            """{"metadata":{"labels":{"app":"web"}}}"""
        },
        {
            "ignores a null for a field the object lacks",
            """{"metadata":{"name":"p"}}""",
            """{"metadata":{"labels":null}}""",
            """{"metadata":{"name":"p"}}"""
        },
        {
            "merges kubectl apply's keyed list with $setElementOrder",
            """{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"busybox"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"alpine","name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"alpine"}]}}"""
        },
        {
            "places a new container where $setElementOrder says",
            """{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"busybox"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"c"},{"name":"b"}],"containers":[{"name":"c","image":"redis"}]}}""",
            """{"spec":{"containers":[{"name":"a","image":"nginx"},{"name":"c","image":"redis"},{"name":"b","image":"busybox"}]}}"""
        },
        {
            "reorders a list by $setElementOrder alone",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""",
            """{"spec":{"containers":[{"name":"b"},{"name":"a"}]}}"""
        },
        {
            "puts a new item before server-only items without $setElementOrder, as Kubernetes does",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"c"}]}}""",
            """{"spec":{"containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}"""
        },
        {
            "deletes a container marked $patch: delete",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""",
            """{"spec":{"containers":[{"name":"b"}]}}"""
        },
        {
            "replaces a keyed list holding a $patch: replace item",
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"$patch":"replace"},{"name":"x","image":"y"}]}}""",
            """{"spec":{"containers":[{"name":"x","image":"y"}]}}"""
        },
        {
            "replaces a map marked $patch: replace",
            """{"spec":{"nodeSelector":{"zone":"a","disk":"ssd"}}}""",
            """{"spec":{"nodeSelector":{"$patch":"replace","zone":"b"}}}""",
            """{"spec":{"nodeSelector":{"zone":"b"}}}"""
        },
        {
            "empties a map marked $patch: delete",
            """{"spec":{"nodeSelector":{"zone":"a"}}}""",
            """{"spec":{"nodeSelector":{"$patch":"delete"}}}""",
            """{"spec":{"nodeSelector":{}}}"""
        },
        {
            "merges env entries inside a container by name",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"3"}]}]}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"}]}]}}"""
        },
        {
            "merges volume mounts by mount path",
            """{"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"v","mountPath":"/data"}]}]}}""",
            """{"spec":{"containers":[{"name":"a","volumeMounts":[{"mountPath":"/data","readOnly":true},{"name":"w","mountPath":"/w"}]}]}}""",
            """{"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"v","mountPath":"/data","readOnly":true},{"name":"w","mountPath":"/w"}]}]}}"""
        },
        {
            "keeps only the fields a $retainKeys list names",
            """{"spec":{"volumes":[{"name":"v","hostPath":{"path":"/x"}}]}}""",
            """{"spec":{"volumes":[{"name":"v","$retainKeys":["emptyDir","name"],"emptyDir":{}}]}}""",
            """{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}"""
        },
        {
            "unions finalizers, the new one first as Kubernetes orders them",
            """{"metadata":{"finalizers":["kubernetes.io/pv-protection"]}}""",
            """{"metadata":{"finalizers":["example.com/x"]}}""",
            """{"metadata":{"finalizers":["example.com/x","kubernetes.io/pv-protection"]}}"""
        },
        {
            "keeps a finalizer once when the patch repeats it",
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"finalizers":["b"]}}""",
            """{"metadata":{"finalizers":["a","b"]}}"""
        },
        {
            "deletes finalizers listed in $deleteFromPrimitiveList",
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a","c"]}}""",
            """{"metadata":{"finalizers":["b"]}}"""
        },
        {
            "replaces an atomic list",
            """{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}""",
            """{"spec":{"tolerations":[{"key":"c"}]}}""",
            """{"spec":{"tolerations":[{"key":"c"}]}}"""
        },
        {
            "takes a value of another type",
            """{"spec":{"nodeSelector":{"zone":"a"}}}""",
            """{"spec":{"nodeSelector":"none"}}""",
            """{"spec":{"nodeSelector":"none"}}"""
        },
        {
            "drops directives from a list the object lacks",
            """{"spec":{}}""",
            """{"spec":{"$setElementOrder/volumes":[{"name":"v"}],"volumes":[{"name":"v","$retainKeys":["name","emptyDir"],"emptyDir":{}},{"name":"gone","$patch":"delete"}]}}""",
            """{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}"""
        },
        {
            "drops directives from a map the object lacks",
            """{}""",
            """{"spec":{"nodeSelector":{"$patch":"replace","zone":"b"},"containers":[{"name":"a","$setElementOrder/env":[{"name":"X"}],"env":[{"name":"X"}]}]}}""",
            """{"spec":{"nodeSelector":{"zone":"b"},"containers":[{"name":"a","env":[{"name":"X"}]}]}}"""
        },
    };

    // strategicpatch's own table (patch_test.go, customStrategicMergePatchTestCaseData and raw cases),
    // against a schema shaped like its MergeItem type.
    public static TheoryData<string, string, string, string> KubernetesCases => new()
    {
        { "unique scalars when merging lists", """{"mergingIntList":[1,2]}""", """{"mergingIntList":[2,3]}""", """{"mergingIntList":[1,2,3]}""" },
        { "delete all items from merging list", """{"mergingList":[{"name":1},{"name":2}]}""", """{"mergingList":[{"$patch":"replace"}]}""", """{"mergingList":[]}""" },
        { "merge empty merging lists", """{"mergingList":[]}""", """{"mergingList":[]}""", """{"mergingList":[]}""" },
        { "delete all keys from map", """{"name":1,"value":1}""", """{"$patch":"replace"}""", """{}""" },
        { "add key and delete all keys from map", """{"name":1,"value":1}""", """{"other":"a","$patch":"replace"}""", """{"other":"a"}""" },
        {
            "delete all duplicate entries in a merging list",
            """{"mergingList":[{"name":1},{"name":1},{"name":2,"value":"a"},{"name":3},{"name":3}]}""",
            """{"mergingList":[{"name":1,"$patch":"delete"},{"name":3,"$patch":"delete"}]}""",
            """{"mergingList":[{"name":2,"value":"a"}]}"""
        },
        {
            "retainKeys map merge an empty map",
            """{"retainKeysMap":{"name":"foo","value":"a"}}""", """{"retainKeysMap":{}}""", """{"retainKeysMap":{"name":"foo","value":"a"}}"""
        },
        {
            "retainKeys list can add a field when no retainKeys directive present",
            """{"retainKeysMergingList":[{"name":"bar"},{"name":"foo"}]}""",
            """{"retainKeysMergingList":[{"name":"foo","value":"a"}]}""",
            """{"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]}"""
        },
        {
            "retainKeys map clears fields missing from the directive",
            """{"retainKeysMap":{"name":"foo","value":"a","other":"b"}}""",
            """{"retainKeysMap":{"$retainKeys":["name","value"],"value":"c"}}""",
            """{"retainKeysMap":{"name":"foo","value":"c"}}"""
        },
        {
            "preserve the order from the patch in a merging list",
            """{"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}""",
            """{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"other":"x"}]}""",
            """{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"value":"b","other":"x"}]}"""
        },
        {
            "preserve the order from the patch in a merging list 2",
            """{"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}""",
            """{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"}]}""",
            """{"mergingList":[{"name":2,"value":"b"},{"name":3,"value":"c"},{"name":1,"value":"a"}]}"""
        },
        { "preserve the order from the patch in a merging int list", """{"mergingIntList":[1,2,3]}""", """{"mergingIntList":[3,1,2]}""", """{"mergingIntList":[3,1,2]}""" },
        { "preserve the order from the patch in a merging int list 2", """{"mergingIntList":[1,2,3]}""", """{"mergingIntList":[3,1]}""", """{"mergingIntList":[2,3,1]}""" },
        {
            "$setElementOrder contains item that is not present in the list to be merged",
            """{"mergingList":[{"name":1},{"name":3}]}""",
            """{"$setElementOrder/mergingList":[{"name":3},{"name":2},{"name":1}],"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]}""",
            """{"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]}"""
        },
        {
            "$setElementOrder contains item that is not present in the int list to be merged",
            """{"mergingIntList":[1,3]}""",
            """{"$setElementOrder/mergingIntList":[3,2,1]}""",
            """{"mergingIntList":[3,1]}"""
        },
        {
            "nonMergingList is replaced",
            """{"nonMergingList":[{"name":1},{"name":2}]}""",
            """{"nonMergingList":[{"name":3}]}""",
            """{"nonMergingList":[{"name":3}]}"""
        },
    };

    public static TheoryData<string, string, string, PatchErrorReason, string> Failing => new()
    {
        {
            "missing merge key should error out",
            """{"mergingList":[{"name":1,"value":"a"}]}""", """{"mergingList":[{"value":"b"}]}""",
            PatchErrorReason.Unknown, "map: map[value:b] does not contain declared merge key: name"
        },
        {
            "a $setElementOrder list contradicting the patch list",
            """{"mergingIntList":[1,3,2]}""", """{"$setElementOrder/mergingIntList":[1,2,3],"mergingIntList":[3,1]}""",
            PatchErrorReason.Unknown, "The order in patch list:\n[3 1]\n doesn't match $setElementOrder list:\n[1 2 3]\n"
        },
        {
            "an unknown $patch directive on a map",
            """{"simpleMap":{"a":"b"}}""", """{"simpleMap":{"$patch":"frob","a":"c"}}""",
            PatchErrorReason.Unknown, "unknown patch type: frob in map: map[$patch:frob a:c]"
        },
        {
            "a $patch: merge item in a list",
            """{"mergingList":[{"name":1}]}""", """{"mergingList":[{"$patch":"merge"}]}""",
            PatchErrorReason.Unknown, "merging lists cannot yet be specified in the patch"
        },
        {
            "a field outside its $retainKeys list",
            """{"retainKeysMap":{"name":"a"}}""", """{"retainKeysMap":{"$retainKeys":["name"],"value":"x"}}""",
            PatchErrorReason.BadRequest, "invalid patch format of retainKeys"
        },
        {
            "a $retainKeys directive that is not a list",
            """{"retainKeysMap":{"name":"a"}}""", """{"retainKeysMap":{"$retainKeys":"name"}}""",
            PatchErrorReason.BadRequest, "invalid patch format of retainKeys"
        },
        {
            "a $setElementOrder directive without a list name",
            """{}""", """{"$setElementOrder":[1]}""",
            PatchErrorReason.BadRequest, "invalid patch format of setElementOrder list"
        },
        {
            "a $deleteFromPrimitiveList directive without a list name",
            """{}""", """{"$deleteFromPrimitiveList":[1]}""",
            PatchErrorReason.BadRequest, "invalid patch format of primitive list"
        },
        {
            "a list of lists",
            """{"mergingIntList":[[1]]}""", """{"mergingIntList":[[2]]}""",
            PatchErrorReason.Invalid, "lists of lists are not supported"
        },
        {
            "a patch that is not an object",
            """{}""", """[1]""",
            PatchErrorReason.BadRequest, "invalid JSON document"
        },
    };

    [Theory]
    [MemberData(nameof(PodPatches))]
    public void Patches_a_pod_as_kube_apiserver_does(string because, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonText.Parse(original)!, JsonText.Parse(patch)!, TestSchemas.Pod);

        Assert.Equal((because, JsonText.Canonical(JsonText.Parse(expected))), (because, JsonText.Canonical(result)));
    }

    [Theory]
    [MemberData(nameof(KubernetesCases))]
    public void Passes_the_strategicpatch_test_table(string because, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonText.Parse(original)!, JsonText.Parse(patch)!, TestSchemas.MergeItem);

        Assert.Equal((because, JsonText.Canonical(JsonText.Parse(expected))), (because, JsonText.Canonical(result)));
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void Reports_failures_in_strategicpatch_wording(string because, string original, string patch, PatchErrorReason reason, string message)
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(JsonText.Parse(original)!, JsonText.Parse(patch)!, TestSchemas.MergeItem));

        Assert.Equal((because, reason, message), (because, error.Reason, error.Message));
    }

    [Fact]
    public void Merges_objects_and_replaces_lists_without_a_schema()
    {
        var result = StrategicMergePatch.Apply(
            JsonText.Parse("""{"a":{"b":1,"c":[1,2]},"d":[{"name":"x"}]}""")!,
            JsonText.Parse("""{"a":{"c":[3]},"d":[{"name":"y"}]}""")!,
            schema: null);

        JsonText.Equal("""{"a":{"b":1,"c":[3]},"d":[{"name":"y"}]}""", result);
    }

    [Fact]
    public void Leaves_the_inputs_untouched()
    {
        var original = JsonText.Parse("""{"spec":{"containers":[{"name":"a","image":"x"}]}}""")!;
        var patch = JsonText.Parse("""{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""")!;

        StrategicMergePatch.Apply(original, patch, TestSchemas.Pod);

        JsonText.Equal("""{"spec":{"containers":[{"name":"a","image":"x"}]}}""", original);
        JsonText.Equal("""{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""", patch);
    }
}
