using System.Text.Json.Nodes;
using Stowage.Api.Patching;

namespace Stowage.Api.Tests.Patching;

public class FieldSetTests
{
    // fieldsV1 as kube-apiserver writes it: the brief's example, and entries captured from real
    // clusters (kubectl-client-side-apply on a Pod, and an Apply entry on a Deployment).
    public static TheoryData<string> KubernetesFieldsV1 => new()
    {
        """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c1\"}":{".":{},"f:image":{}}}}}""",
        """{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}""",
        """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:env":{"k:{\"name\":\"MY_NODE_NAME\"}":{".":{},"f:name":{},"f:valueFrom":{"f:fieldRef":{}}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}""",
        """{"f:metadata":{"f:finalizers":{".":{},"v:\"kubernetes.io/pv-protection\"":{}}}}""",
    };

    public static TheoryData<string, string> PrintedPaths => new()
    {
        { """{"f:spec":{"f:capacity":{"f:storage":{}}}}""", ".spec.capacity.storage" },
        { """{"f:spec":{"f:containers":{"k:{\"name\":\"c1\"}":{"f:image":{}}}}}""", ".spec.containers[name=\"c1\"].image" },
        { """{"f:spec":{"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}}}""", ".spec.ports[containerPort=80,protocol=\"TCP\"]" },
        { """{"f:metadata":{"f:finalizers":{"v:\"a\"":{}}}}""", ".metadata.finalizers[=\"a\"]" },
        { """{"f:spec":{"f:args":{"i:0":{}}}}""", ".spec.args[0]" },
    };

    [Theory]
    [MemberData(nameof(KubernetesFieldsV1))]
    public void Round_trips_fieldsV1_byte_for_byte(string fieldsV1)
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(fieldsV1));

        Assert.Equal(fieldsV1, set.ToFieldsV1Json());
    }

    [Theory]
    [MemberData(nameof(PrintedPaths))]
    public void Prints_paths_as_conflict_messages_do(string fieldsV1, string expected)
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(fieldsV1));

        Assert.Equal(expected, Assert.Single(set.Paths).ToString());
    }

    [Fact]
    public void Orders_entries_fields_first_and_keys_by_value()
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(
            """{"v:\"x\"":{},"k:{\"port\":443}":{},"i:1":{},"k:{\"port\":80}":{},"f:b":{},"f:a":{"f:z":{}}}"""));

        Assert.Equal("""{"f:a":{"f:z":{}},"f:b":{},"k:{\"port\":80}":{},"k:{\"port\":443}":{},"v:\"x\"":{},"i:1":{}}""", set.ToFieldsV1Json());
    }

    [Fact]
    public void Skips_entries_of_unknown_kinds_as_structured_merge_diff_does()
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:a":{},"x:future":{},"f:b":{"x:future":{}}}"""));

        Assert.Equal("""{"f:a":{},"f:b":{}}""", set.ToFieldsV1Json());
    }

    [Fact]
    public void Rejects_text_that_is_not_fieldsV1()
    {
        Assert.Throws<FormatException>(() => FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:a":1}""")));
        Assert.Throws<FormatException>(() => FieldSet.FromFieldsV1(JsonNode.Parse("""{"fa":{}}""")));
        Assert.Throws<FormatException>(() => FieldSet.FromFieldsV1(JsonNode.Parse("""{"k:[1]":{}}""")));
    }

    [Fact]
    public void Difference_removes_paths_but_not_their_children()
    {
        var set = FieldSet.Of(FieldPath.Fields("spec"), FieldPath.Fields("spec", "a"), FieldPath.Fields("spec", "b"));

        var difference = set.Difference(FieldSet.Of(FieldPath.Fields("spec")));

        Assert.Equal([".spec.a", ".spec.b"], difference.Paths.Select(p => p.ToString()));
    }

    [Fact]
    public void Recursive_difference_removes_paths_and_everything_below_them()
    {
        var set = FieldSet.Of(FieldPath.Fields("spec", "a"), FieldPath.Fields("status", "phase"), FieldPath.Fields("status"));

        var difference = set.RecursiveDifference(FieldSet.Of(FieldPath.Fields("status")));

        Assert.Equal([".spec.a"], difference.Paths.Select(p => p.ToString()));
    }

    [Fact]
    public void Union_and_intersection_work_at_every_depth()
    {
        var a = FieldSet.Of(FieldPath.Fields("spec", "a"), FieldPath.Fields("spec", "b"));
        var b = FieldSet.Of(FieldPath.Fields("spec", "b"), FieldPath.Fields("spec", "c"));

        Assert.Equal([".spec.a", ".spec.b", ".spec.c"], a.Union(b).Paths.Select(p => p.ToString()));
        Assert.Equal([".spec.b"], a.Intersection(b).Paths.Select(p => p.ToString()));
        Assert.True(a.Intersection(FieldSet.Of(FieldPath.Fields("spec"))).IsEmpty);
    }

    [Fact]
    public void Has_only_members()
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:spec":{"f:containers":{"k:{\"name\":\"c1\"}":{".":{},"f:image":{}}}}}"""));
        var item = FieldPath.Fields("spec", "containers").Append(PathElement.ForKey([new("name", JsonValue.Create("c1"))]));

        Assert.True(set.Has(item));
        Assert.True(set.Has(item.Append(PathElement.ForField("image"))));
        Assert.False(set.Has(FieldPath.Fields("spec", "containers")));
        Assert.False(set.Has(FieldPath.Empty));
    }
}
