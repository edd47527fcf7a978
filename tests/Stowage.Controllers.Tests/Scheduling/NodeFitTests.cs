using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Storage;
using Stowage.Controllers.Scheduling;

namespace Stowage.Controllers.Tests.Scheduling;

public sealed class NodeFitTests
{
    private static Node ReadyNode(string name, Dictionary<string, string>? labels = null, bool ready = true, NodeSpec? spec = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
        Spec = spec,
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    private static Pod PodWith(PodSpec spec) => new() { Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1" }, Spec = spec };

    [Fact]
    public void A_ready_node_without_constraints_fits()
    {
        Assert.Null(NodeFit.Check(PodWith(new PodSpec()), ReadyNode("n1")));
    }

    [Fact]
    public void A_node_selector_the_node_lacks_is_kubernetes_affinity_mismatch()
    {
        var pod = PodWith(new PodSpec { NodeSelector = new Dictionary<string, string> { ["disktype"] = "ssd" } });
        Assert.Equal("node(s) didn't match Pod's node affinity/selector", NodeFit.Check(pod, ReadyNode("n1")));
        Assert.Null(NodeFit.Check(pod, ReadyNode("n2", new Dictionary<string, string> { ["disktype"] = "ssd" })));
    }

    [Fact]
    public void Required_node_affinity_is_honoured_with_its_operators()
    {
        var affinity = JsonNode.Parse("""
            {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
              {"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]},{"key":"gpu","operator":"DoesNotExist"}]}]}}}
            """)!.AsObject();
        var pod = PodWith(new PodSpec { Affinity = affinity });
        Assert.Null(NodeFit.Check(pod, ReadyNode("n1", new Dictionary<string, string> { ["zone"] = "b" })));
        Assert.NotNull(NodeFit.Check(pod, ReadyNode("n2", new Dictionary<string, string> { ["zone"] = "c" })));
        Assert.NotNull(NodeFit.Check(pod, ReadyNode("n3", new Dictionary<string, string> { ["zone"] = "a", ["gpu"] = "1" })));
    }

    [Fact]
    public void Not_ready_unschedulable_and_tainted_nodes_give_kubernetes_reasons()
    {
        var pod = PodWith(new PodSpec());
        Assert.Equal("node(s) had untolerated taint {node.kubernetes.io/not-ready: }", NodeFit.Check(pod, ReadyNode("n1", ready: false)));
        Assert.Equal("node(s) were unschedulable", NodeFit.Check(pod, ReadyNode("n1", spec: new NodeSpec { Unschedulable = true })));
        var tainted = ReadyNode("n1", spec: new NodeSpec { Taints = [new Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" }] });
        Assert.Equal("node(s) had untolerated taint {dedicated: db}", NodeFit.Check(pod, tainted));
        var tolerating = PodWith(new PodSpec { Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "db", Effect = "NoSchedule" }] });
        Assert.Null(NodeFit.Check(tolerating, tainted));
    }

    [Fact]
    public void The_fit_error_counts_reasons_as_kube_scheduler_prints_them()
    {
        var message = NodeFit.FitError(3, new Dictionary<string, int> { [NodeFit.Unschedulable] = 1, [NodeFit.AffinityMismatch] = 2 });
        Assert.Equal("0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", message);
        Assert.Equal("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            NodeFit.FitError(1, new Dictionary<string, int> { [NodeFit.UnboundImmediateClaims] = 1 }));
        Assert.Equal("no nodes available to schedule pods", NodeFit.FitError(0, new Dictionary<string, int>()));
    }

    private static Pod PodUsing(string claim, string uid = "u1", string? node = null) => new()
    {
        Metadata = new ObjectMeta { Name = "p-" + uid, Namespace = "default", Uid = uid },
        Spec = new PodSpec { NodeName = node, Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }] },
    };

    private static PersistentVolumeClaim Claim(string name, string? volume = null, string? storageClass = null, params string[] modes) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PersistentVolumeClaimSpec { VolumeName = volume, StorageClassName = storageClass, AccessModes = modes.Length > 0 ? modes : ["ReadWriteOnce"] },
    };

    [Fact]
    public void Claims_missing_or_unbound_immediate_block_every_node()
    {
        var none = ClaimCheck.Evaluate(PodUsing("data"), (_, _) => null, _ => null, _ => null, []);
        Assert.Equal("persistentvolumeclaim \"data\" not found", none.Failure);
        var pending = ClaimCheck.Evaluate(PodUsing("data"), (_, _) => Claim("data"), _ => null, _ => null, []);
        Assert.Equal(NodeFit.UnboundImmediateClaims, pending.Failure);
    }

    [Fact]
    public void A_wait_for_first_consumer_claim_is_delayed_not_a_failure()
    {
        var wffc = new StorageClass { Metadata = new ObjectMeta { Name = "local-wffc" }, Provisioner = "stowage.io/local", VolumeBindingMode = "WaitForFirstConsumer" };
        var check = ClaimCheck.Evaluate(PodUsing("data"), (_, _) => Claim("data", storageClass: "local-wffc"), _ => null, n => n == "local-wffc" ? wffc : null, []);
        Assert.Null(check.Failure);
        Assert.Single(check.DelayedClaims);
    }

    [Fact]
    public void A_bound_volume_pinned_to_another_node_is_a_volume_node_affinity_conflict()
    {
        var pv = new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "pv1" },
            Spec = new PersistentVolumeSpec
            {
                NodeAffinity = new VolumeNodeAffinity
                {
                    Required = new NodeSelector
                    {
                        NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "kubernetes.io/hostname", Operator = "In", Values = ["n1"] }] }],
                    },
                },
            },
        };
        var check = ClaimCheck.Evaluate(PodUsing("data"), (_, _) => Claim("data", "pv1"), n => n == "pv1" ? pv : null, _ => null, []);
        Assert.Null(check.CheckNode(ReadyNode("n1")));
        Assert.Equal(NodeFit.VolumeNodeConflict, check.CheckNode(ReadyNode("n2")));
    }

    [Fact]
    public void A_read_write_once_pod_claim_admits_one_running_pod()
    {
        var claim = Claim("data", "pv1", null, "ReadWriteOncePod");
        var user = PodUsing("data", "other", node: "n1");
        var check = ClaimCheck.Evaluate(PodUsing("data"), (_, _) => claim, _ => new PersistentVolume { Metadata = new ObjectMeta { Name = "pv1" } }, _ => null, [user]);
        Assert.Equal(NodeFit.ReadWriteOncePodConflict, check.Failure);
        var finished = user with { Status = new PodStatus { Phase = "Succeeded" } };
        Assert.Null(ClaimCheck.Evaluate(PodUsing("data"), (_, _) => claim, _ => new PersistentVolume { Metadata = new ObjectMeta { Name = "pv1" } }, _ => null, [finished]).Failure);
    }
}
