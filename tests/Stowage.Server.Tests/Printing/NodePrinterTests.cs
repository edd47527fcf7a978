using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class NodePrinterTests
{
    private static readonly NodePrinter Printer = NodePrinter.Instance;

    /// <summary>A ready control-plane node with addresses and system info.</summary>
    public static Node ReadyNode => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "node-1",
            CreationTimestamp = Ago(60 * 25),
            Labels = new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "", ["kubernetes.io/hostname"] = "node-1" },
        },
        Spec = new NodeSpec { PodCIDR = "10.244.0.0/24" },
        Status = new NodeStatus
        {
            Conditions =
            [
                new NodeCondition { Type = "MemoryPressure", Status = "False" },
                new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" },
            ],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.1.10" }, new NodeAddress { Type = "Hostname", Address = "node-1" }],
            NodeInfo = new NodeSystemInfo
            {
                KubeletVersion = "v1.32.4",
                OsImage = "Debian GNU/Linux 12 (bookworm)",
                KernelVersion = "6.1.0-13-amd64",
                ContainerRuntimeVersion = "runc://1.1.12",
            },
        },
    };

    private static Node WithConditions(params NodeCondition[] conditions) =>
        ReadyNode with { Status = ReadyNode.Status! with { Conditions = conditions } };

    [Fact]
    public void Has_the_kubectl_get_nodes_columns_with_the_wide_ones_at_priority_1()
    {
        Assert.Equal(["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"], Printer.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], Printer.Columns.Select(c => c.Priority));
    }

    [Fact]
    public void Prints_a_ready_node_with_its_role_version_and_system_info() =>
        AssertCells("""["node-1","Ready","control-plane","25h","v1.32.4","192.168.1.10","<none>","Debian GNU/Linux 12 (bookworm)","6.1.0-13-amd64","runc://1.1.12"]""",
            Printer.Cells(ReadyNode, Now));

    [Fact]
    public void Prints_a_bare_node_as_Unknown_with_placeholders() =>
        AssertCells("""["bare","Unknown","<none>","5s","","<none>","<none>","<unknown>","<unknown>","<unknown>"]""",
            Printer.Cells(new Node { Metadata = new ObjectMeta { Name = "bare", CreationTimestamp = Ago(0, 5) } }, Now));

    [Theory]
    [InlineData("True", "Ready")]
    [InlineData("False", "NotReady")]
    [InlineData("Unknown", "NotReady")]
    public void The_Ready_condition_decides_the_status(string status, string expected) =>
        Assert.Equal(expected, NodePrinter.Status(WithConditions(new NodeCondition { Type = "Ready", Status = status })));

    [Fact]
    public void Without_a_Ready_condition_the_node_is_Unknown_and_the_last_Ready_condition_wins()
    {
        Assert.Equal("Unknown", NodePrinter.Status(WithConditions(new NodeCondition { Type = "DiskPressure", Status = "False" })));
        Assert.Equal("NotReady", NodePrinter.Status(WithConditions(
            new NodeCondition { Type = "Ready", Status = "True" }, new NodeCondition { Type = "Ready", Status = "False" })));
    }

    [Fact]
    public void A_cordoned_node_adds_SchedulingDisabled()
    {
        var cordoned = ReadyNode with { Spec = ReadyNode.Spec! with { Unschedulable = true } };
        Assert.Equal("Ready,SchedulingDisabled", NodePrinter.Status(cordoned));
        var unknown = new Node { Metadata = new ObjectMeta { Name = "n" }, Spec = new NodeSpec { Unschedulable = true } };
        Assert.Equal("Unknown,SchedulingDisabled", NodePrinter.Status(unknown));
    }

    [Fact]
    public void Roles_come_from_role_labels_sorted_and_the_legacy_role_label()
    {
        var node = ReadyNode with
        {
            Metadata = ReadyNode.Metadata with
            {
                Labels = new Dictionary<string, string>
                {
                    ["node-role.kubernetes.io/worker"] = "",
                    ["node-role.kubernetes.io/"] = "",
                    ["node-role.kubernetes.io/control-plane"] = "true",
                    ["kubernetes.io/role"] = "storage",
                },
            },
        };
        Assert.Equal("control-plane,storage,worker", Printer.Cells(node, Now)[2]!.GetValue<string>());
    }

    [Fact]
    public void The_first_external_address_fills_External_IP()
    {
        var node = ReadyNode with
        {
            Status = ReadyNode.Status! with
            {
                Addresses = [new NodeAddress { Type = "ExternalIP", Address = "203.0.113.7" }, new NodeAddress { Type = "ExternalIP", Address = "203.0.113.8" }],
            },
        };
        var cells = Printer.Cells(node, Now);
        Assert.Equal(("<none>", "203.0.113.7"), (cells[5]!.GetValue<string>(), cells[6]!.GetValue<string>()));
    }
}
