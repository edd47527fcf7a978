using Stowage.Api.Apps;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Selectors;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

/// <summary>ReplicaSet, ReplicationController and Deployment rows as kubectl 1.32 shows them.</summary>
public sealed class WorkloadPrinterTests
{
    private static PodTemplateSpec Template => new()
    {
        Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new PodSpec { Containers = [new Container { Name = "nginx", Image = "nginx:1.25" }, new Container { Name = "sidecar", Image = "busybox" }] },
    };

    [Fact]
    public void Prints_a_replica_set_with_desired_current_ready_and_the_wide_columns()
    {
        var rs = new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web-5d4f8c6b7", CreationTimestamp = Ago(3) },
            Spec = new ReplicaSetSpec
            {
                Replicas = 3,
                Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["pod-template-hash"] = "5d4f8c6b7", ["app"] = "web" } },
                Template = Template,
            },
            Status = new ReplicaSetStatus { Replicas = 2, ReadyReplicas = 1 },
        };
        AssertCells("""["web-5d4f8c6b7",3,2,1,"3m","nginx,sidecar","nginx:1.25,busybox","app=web,pod-template-hash=5d4f8c6b7"]""", ReplicaSetPrinter.Instance.Cells(rs, Now));
        Assert.Equal(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"], ReplicaSetPrinter.Instance.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1], ReplicaSetPrinter.Instance.Columns.Select(c => c.Priority));
        Assert.Equal("integer", ReplicaSetPrinter.Instance.Columns[1].Type);
    }

    [Fact]
    public void Prints_a_replication_controller_with_its_map_selector()
    {
        var rc = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "registry", CreationTimestamp = Ago(0, 40) },
            Spec = new ReplicationControllerSpec { Replicas = 1, Selector = new Dictionary<string, string> { ["app"] = "registry" }, Template = Template },
            Status = new ReplicationControllerStatus { Replicas = 1, ReadyReplicas = 1 },
        };
        AssertCells("""["registry",1,1,1,"40s","nginx,sidecar","nginx:1.25,busybox","app=registry"]""", ReplicationControllerPrinter.Instance.Cells(rc, Now));
        Assert.Equal(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"], ReplicationControllerPrinter.Instance.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Prints_a_deployment_with_ready_over_desired()
    {
        var d = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", CreationTimestamp = Ago(61) },
            Spec = new DeploymentSpec { Replicas = 3, Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } }, Template = Template },
            Status = new DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 2 },
        };
        AssertCells("""["web","2/3",3,2,"61m","nginx,sidecar","nginx:1.25,busybox","app=web"]""", DeploymentPrinter.Instance.Cells(d, Now));
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], DeploymentPrinter.Instance.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_deployment_without_status_reads_zero_of_desired()
    {
        var d = new Deployment { Metadata = new ObjectMeta { Name = "new", CreationTimestamp = Now }, Spec = new DeploymentSpec { Replicas = 2 } };
        AssertCells("""["new","0/2",0,0,"0s","","",""]""", DeploymentPrinter.Instance.Cells(d, Now));
    }
}
