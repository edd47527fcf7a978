using Stowage.Api.Core;
using Stowage.Api.Patching;
using Stowage.Api.Schema;

namespace Stowage.Api.Tests.Patching;

/// <summary>
/// Strategic merge patches against the schema the server derives from the Pod records and
/// SchemaAnnotations: the same merges as the hand-built pod schema, and the keys of types.go.
/// </summary>
public sealed class ServedPodSchemaPatchTests
{
    private static readonly SchemaNode Pod = ApiSchemas.Default.For(typeof(Pod));

    public static TheoryData<string, string, string, string> ServedPodPatches => new()
    {
        {
            "merges volumes by name",
            """{"spec":{"volumes":[{"name":"cache-volume","emptyDir":{}},{"name":"k8s","hostPath":{"path":"/etc/kubernetes"}}]}}""",
            """{"spec":{"volumes":[{"name":"k8s","hostPath":{"path":"/etc/pki"}},{"name":"data","persistentVolumeClaim":{"claimName":"mypvc1"}}]}}""",
            """{"spec":{"volumes":[{"name":"cache-volume","emptyDir":{}},{"name":"k8s","hostPath":{"path":"/etc/pki"}},{"name":"data","persistentVolumeClaim":{"claimName":"mypvc1"}}]}}"""
        },
        {
            "merges volume mounts by mountPath",
            """{"spec":{"containers":[{"name":"c","volumeMounts":[{"name":"cache-volume","mountPath":"/cache"}]}]}}""",
            """{"spec":{"containers":[{"name":"c","volumeMounts":[{"mountPath":"/cache","readOnly":true}]}]}}""",
            """{"spec":{"containers":[{"name":"c","volumeMounts":[{"name":"cache-volume","mountPath":"/cache","readOnly":true}]}]}}"""
        },
        {
            "merges env by name and deletes with $patch",
            """{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}""",
            """{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"9"},{"name":"B","$patch":"delete"}]}]}}""",
            """{"spec":{"containers":[{"name":"c","env":[{"name":"A","value":"9"}]}]}}"""
        },
        {
            "merges ports by containerPort",
            """{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}""",
            """{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"name":"http"}]}]}}""",
            """{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP","name":"http"}]}]}}"""
        },
        {
            "replaces tolerations whole",
            """{"spec":{"tolerations":[{"key":"a","operator":"Exists"}]}}""",
            """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}""",
            """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}"""
        },
        {
            "merges pod conditions by type",
            """{"status":{"conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False"}]}}""",
            """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""",
            """{"status":{"conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"True"}]}}"""
        },
    };

    public static TheoryData<string, string, string, string> HandBuiltPodPatches => StrategicMergePatchTests.PodPatches;

    [Theory]
    [MemberData(nameof(ServedPodPatches))]
    [MemberData(nameof(HandBuiltPodPatches))]
    public void Patches_a_pod_with_the_served_schema(string because, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonText.Parse(original)!, JsonText.Parse(patch)!, Pod);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(JsonText.Parse(expected), result), $"{because}\nexpected {expected}\n  actual {result.ToJsonString()}");
    }

    [Fact]
    public void Node_addresses_and_conditions_merge_by_type_and_taints_are_atomic()
    {
        var node = ApiSchemas.Default.For(typeof(Node));
        var status = node.Properties["status"];
        Assert.Equal((ListType.Map, "type"), (status.Properties["addresses"].ListType, status.Properties["addresses"].MapKeys[0]));
        Assert.Equal((ListType.Map, "type"), (status.Properties["conditions"].ListType, status.Properties["conditions"].MapKeys[0]));
        Assert.Equal(ListType.Atomic, node.Properties["spec"].Properties["taints"].ListType);
        Assert.Equal(ListType.Set, node.Properties["spec"].Properties["podCIDRs"].ListType);
        var container = Pod.Properties["spec"].Properties["containers"].Items!;
        Assert.Equal(["containerPort", "protocol"], container.Properties["ports"].MapKeys);
    }
}
