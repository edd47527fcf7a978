using Stowage.Api.Apps;
using Stowage.Api.Meta;
using Stowage.Controllers.Workloads;

namespace Stowage.Controllers.Tests.Workloads;

/// <summary>Revision annotations on the new replica set (SetNewReplicaSetAnnotations).</summary>
public sealed class DeploymentRevisionsTests
{
    private static Deployment D(params (string, string)[] annotations) => new()
    {
        Metadata = new ObjectMeta { Name = "d", Annotations = annotations.ToDictionary(a => a.Item1, a => a.Item2) },
        Spec = new DeploymentSpec { Replicas = 4, Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = "25%" } } },
    };

    private static ReplicaSet Rs(params (string, string)[] annotations) => new() { Metadata = new ObjectMeta { Name = "rs", Annotations = annotations.ToDictionary(a => a.Item1, a => a.Item2) } };

    [Fact]
    public void A_new_set_gets_the_revision_the_replica_annotations_and_the_change_cause()
    {
        var a = DeploymentRevisions.NewReplicaSetAnnotations(D(("kubernetes.io/change-cause", "v2"), ("kubectl.kubernetes.io/last-applied-configuration", "{}")), Rs(), "2", exists: false)!;
        Assert.Equal("2", a["deployment.kubernetes.io/revision"]);
        Assert.Equal("4", a["deployment.kubernetes.io/desired-replicas"]);
        Assert.Equal("5", a["deployment.kubernetes.io/max-replicas"]);
        Assert.Equal("v2", a["kubernetes.io/change-cause"]);
        Assert.False(a.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
    }

    [Fact]
    public void Rolling_back_to_a_set_records_its_old_revision_in_the_history()
    {
        var a = DeploymentRevisions.NewReplicaSetAnnotations(D(), Rs(("deployment.kubernetes.io/revision", "1")), "3", exists: true)!;
        Assert.Equal("3", a["deployment.kubernetes.io/revision"]);
        Assert.Equal("1", a["deployment.kubernetes.io/revision-history"]);
        a = DeploymentRevisions.NewReplicaSetAnnotations(D(), Rs(("deployment.kubernetes.io/revision", "3"), ("deployment.kubernetes.io/revision-history", "1")), "5", exists: true)!;
        Assert.Equal("1,3", a["deployment.kubernetes.io/revision-history"]);
    }

    [Fact]
    public void Nothing_changes_for_a_set_already_at_the_revision() =>
        Assert.Null(DeploymentRevisions.NewReplicaSetAnnotations(D(), Rs(("deployment.kubernetes.io/revision", "2")), "2", exists: true));
}
