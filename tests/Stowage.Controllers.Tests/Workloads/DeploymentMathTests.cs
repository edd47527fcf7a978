using Stowage.Api.Apps;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Controllers.Workloads;

namespace Stowage.Controllers.Tests.Workloads;

/// <summary>Rollout arithmetic, with cases from Kubernetes' deployment_util and rolling tests.</summary>
public sealed class DeploymentMathTests
{
    private static Deployment Rolling(int replicas, IntOrString maxSurge, IntOrString maxUnavailable) => new()
    {
        Metadata = new ObjectMeta { Name = "d", Generation = 1 },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable } },
        },
    };

    private static ReplicaSet Rs(int replicas, int available = 0, string? maxReplicas = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "rs-" + replicas,
            Annotations = maxReplicas is null ? null : new Dictionary<string, string> { [DeploymentMath.MaxReplicasAnnotation] = maxReplicas },
        },
        Spec = new ReplicaSetSpec { Replicas = replicas },
        Status = new ReplicaSetStatus { Replicas = replicas, AvailableReplicas = available },
    };

    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)]   // surge rounds up, unavailable rounds down
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("0%", "0%", 10, 0, 1)]     // both zero: unavailable becomes 1
    [InlineData("50%", "1", 3, 2, 1)]
    [InlineData("1", "0", 4, 1, 0)]
    public void Fenceposts_round_surge_up_and_unavailable_down(string surge, string unavailable, int desired, int expectedSurge, int expectedUnavailable)
    {
        var (s, u) = DeploymentMath.ResolveFenceposts(IntOrString.Parse(surge), IntOrString.Parse(unavailable), desired);
        Assert.Equal((expectedSurge, expectedUnavailable), (s, u));
    }

    [Fact]
    public void Max_unavailable_never_exceeds_replicas_and_is_zero_for_Recreate()
    {
        Assert.Equal(2, DeploymentMath.MaxUnavailable(Rolling(2, 0, 5)));
        var recreate = Rolling(3, 1, 1) with { Spec = Rolling(3, 1, 1).Spec! with { Strategy = new DeploymentStrategy { Type = "Recreate" } } };
        Assert.Equal(0, DeploymentMath.MaxUnavailable(recreate));
        Assert.Equal(0, DeploymentMath.MaxSurge(recreate));
    }

    [Theory]
    // replicas, maxSurge, new size, old size, expected new size (NewRSNewReplicas)
    [InlineData(3, "25%", 0, 3, 1)]   // 3 + 1 surge = 4 total, 3 old: 1 new
    [InlineData(3, "25%", 1, 3, 1)]   // already at 4 pods: wait
    [InlineData(3, "25%", 1, 2, 2)]
    [InlineData(10, "3", 0, 10, 3)]
    [InlineData(3, "100%", 0, 3, 3)]  // never above replicas
    public void The_new_replica_set_grows_within_the_surge(int replicas, string surge, int newSize, int oldSize, int expected)
    {
        var d = Rolling(replicas, IntOrString.Parse(surge), IntOrString.Parse("25%"));
        var newRs = Rs(newSize);
        Assert.Equal(expected, DeploymentMath.NewReplicaSetReplicas(d, [Rs(oldSize), newRs], newRs));
    }

    [Fact]
    public void Old_pods_may_go_only_while_enough_stay_available()
    {
        // 3 replicas, maxUnavailable 25% of 3 = 0 (rounded down), surge 1: 4 pods, new set not yet available.
        var d = Rolling(3, IntOrString.Parse("25%"), IntOrString.Parse("25%"));
        var old = Rs(3, available: 3);
        var fresh = Rs(1, available: 0);
        Assert.Equal(0, DeploymentMath.MaxScaledDown(d, [old, fresh], fresh));
        Assert.Equal(0, DeploymentMath.ScaleDownBudget(d, [old, fresh]));
        // Once the new pod is available one old pod may go.
        fresh = Rs(1, available: 1);
        Assert.Equal(1, DeploymentMath.MaxScaledDown(d, [old, fresh], fresh));
        Assert.Equal(1, DeploymentMath.ScaleDownBudget(d, [old, fresh]));
    }

    [Fact]
    public void Proportional_scaling_follows_the_max_replicas_annotation()
    {
        // Scaling 10 -> 20 with surge 3 (max 23 from 13) while two sets of 5 and 8 exist: 10 to add.
        var d = Rolling(20, 3, 0);
        Assert.Equal(4, DeploymentMath.Proportion(Rs(5, maxReplicas: "13"), d, 10, 0)); // round(5*23/13)=9 -> +4
        Assert.Equal(6, DeploymentMath.Proportion(Rs(8, maxReplicas: "13"), d, 10, 4)); // round(8*23/13)=14 -> +6
        Assert.Equal(0, DeploymentMath.Proportion(Rs(0, maxReplicas: "13"), d, 10, 0));
    }

    [Fact]
    public void A_deployment_is_complete_when_all_desired_replicas_are_updated_and_available()
    {
        var d = Rolling(3, 1, 0);
        Assert.True(DeploymentMath.Complete(d, new DeploymentStatus { Replicas = 3, UpdatedReplicas = 3, AvailableReplicas = 3, ObservedGeneration = 1 }));
        Assert.False(DeploymentMath.Complete(d, new DeploymentStatus { Replicas = 4, UpdatedReplicas = 3, AvailableReplicas = 3, ObservedGeneration = 1 }));
        Assert.False(DeploymentMath.Complete(d, new DeploymentStatus { Replicas = 3, UpdatedReplicas = 3, AvailableReplicas = 3, ObservedGeneration = 0 }));
    }
}
