using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Validation;
using static Stowage.Api.Tests.Validation.PodFixtures;

namespace Stowage.Api.Tests.Validation;

public sealed class NodeValidationTests
{
    private static Node WithTaints(params Taint[] taints) => Node1() with { Spec = Node1().Spec! with { Taints = taints } };

    private static Node WithCapacity(string name, string value) =>
        Node1() with { Status = Node1().Status! with { Capacity = new Dictionary<string, Quantity> { [name] = Q(value) }, Allocatable = null } };

    private static readonly Dictionary<string, (Node Node, string[] Causes)> Invalid = new()
    {
        ["a name that is not a subdomain"] = (Node1() with { Metadata = new ObjectMeta { Name = "Node_1" } },
            ["metadata.name: Invalid value: \"Node_1\": " + Messages.Subdomain]),
        ["a namespace"] = (Node1() with { Metadata = new ObjectMeta { Name = "node-1", Namespace = "default" } },
            ["metadata.namespace: Forbidden: not allowed on this type"]),
        ["a taint without effect, reported under metadata as Kubernetes does"] = (WithTaints(new Taint { Key = "dedicated", Value = "storage" }),
            ["metadata.taints[0].effect: Required value"]),
        ["a taint with an unknown effect"] = (WithTaints(new Taint { Key = "dedicated", Effect = "NoRun" }),
            ["metadata.taints[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]),
        ["a taint key that is not a qualified name"] = (WithTaints(new Taint { Key = "-dedicated", Effect = "NoSchedule" }),
            ["metadata.taints[0].key: Invalid value: \"-dedicated\": " + Messages.QualifiedNamePart]),
        ["two taints with one key and effect"] = (WithTaints(new Taint { Key = "k", Value = "a", Effect = "NoSchedule" }, new Taint { Key = "k", Value = "b", Effect = "NoSchedule" }),
            ["metadata.taints[1]: Duplicate value: core.Taint{Key:\"k\", Value:\"b\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"]),
        ["a negative capacity"] = (WithCapacity("cpu", "-1"),
            ["status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0"]),
        ["a fractional pod count"] = (WithCapacity("pods", "1500m"),
            ["status.capacity.pods: Invalid value: 1500m: must be an integer"]),
        ["a pod CIDR that does not parse"] = (Node1() with { Spec = Node1().Spec! with { PodCIDRs = ["10.244.0.0/33"] } },
            ["spec.podCIDRs[0]: Invalid value: \"10.244.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]),
        ["two IPv4 pod CIDRs"] = (Node1() with { Spec = Node1().Spec! with { PodCIDRs = ["10.244.0.0/24", "10.245.0.0/24"] } },
            ["spec.podCIDRs: Invalid value: []string{\"10.244.0.0/24\", \"10.245.0.0/24\"}: may specify no more than one CIDR for each IP family"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects_an_invalid_node_with_Kubernetes_causes(string name)
    {
        var (node, expected) = Invalid[name];
        Causes.AssertExactly(NodeValidation.Validate(node), expected);
    }

    [Fact]
    public void Accepts_a_registered_node_and_dual_stack_CIDRs()
    {
        Causes.AssertNone(NodeValidation.Validate(Node1()));
        Causes.AssertNone(NodeValidation.Validate(Node1() with { Spec = Node1().Spec! with { PodCIDRs = ["10.244.0.0/24", "fd00:10:244::/64"] } }));
        Causes.AssertNone(NodeValidation.Validate(new Node { Metadata = new ObjectMeta { Name = "bare" } }));
    }

    [Fact]
    public void An_update_may_cordon_and_taint_but_not_change_CIDRs_or_provider()
    {
        var old = Node1().Stored();
        Causes.AssertNone(NodeValidation.ValidateUpdate(old with { Spec = old.Spec! with { Unschedulable = true, Taints = [new Taint { Key = "k", Effect = "NoExecute" }] } }, old));
        Causes.AssertExactly(NodeValidation.ValidateUpdate(old with { Spec = old.Spec! with { PodCIDRs = ["10.99.0.0/24"], ProviderID = "other://x" } }, old),
            "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid",
            "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid");
    }

    [Fact]
    public void An_update_may_set_CIDRs_and_provider_once()
    {
        var old = new Node { Metadata = new ObjectMeta { Name = "n", ResourceVersion = "1" } };
        Causes.AssertNone(NodeValidation.ValidateUpdate(old with { Spec = new NodeSpec { PodCIDRs = ["10.244.1.0/24"], ProviderID = "stowage://n" } }, old));
    }

    [Fact]
    public void Addresses_must_be_unique()
    {
        var old = Node1().Stored();
        var updated = old with { Status = old.Status! with { Addresses = [new NodeAddress { Type = "InternalIP", Address = "10.0.0.1" }, new NodeAddress { Type = "InternalIP", Address = "10.0.0.1" }] } };
        Causes.AssertExactly(NodeValidation.ValidateUpdate(updated, old),
            "status.addresses[1]: Duplicate value: core.NodeAddress{Type:\"InternalIP\", Address:\"10.0.0.1\"}");
    }
}
