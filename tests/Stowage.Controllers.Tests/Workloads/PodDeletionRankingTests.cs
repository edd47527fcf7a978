using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Controllers.Workloads;

namespace Stowage.Controllers.Tests.Workloads;

/// <summary>Which surplus pods a replica set deletes first (ActivePodsWithRanks.Less).</summary>
public sealed class PodDeletionRankingTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static Pod Pod(string name, string node = "n1", string phase = "Running", bool ready = true, int ageMinutes = 60, int restarts = 0, string? cost = null, int readyMinutes = 30) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Uid = "uid-" + name,
            CreationTimestamp = Now.AddMinutes(-ageMinutes),
            Annotations = cost is null ? null : new Dictionary<string, string> { ["controller.kubernetes.io/pod-deletion-cost"] = cost },
        },
        Spec = new PodSpec { NodeName = node },
        Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now.AddMinutes(-readyMinutes) }],
            ContainerStatuses = [new ContainerStatus { Name = "c", RestartCount = restarts }],
        },
    };

    private static string[] Delete(int count, params Pod[] pods) =>
        PodDeletionRanking.PodsToDelete(pods, pods, count, Now).Select(p => p.Metadata.Name!).ToArray();

    [Fact]
    public void Unscheduled_pods_go_before_scheduled_ones() =>
        Assert.Equal(["unscheduled"], Delete(1, Pod("scheduled"), Pod("unscheduled", node: "")));

    [Fact]
    public void Pending_pods_go_before_running_ones() =>
        Assert.Equal(["pending"], Delete(1, Pod("running"), Pod("pending", phase: "Pending")));

    [Fact]
    public void Not_ready_pods_go_before_ready_ones() =>
        Assert.Equal(["not-ready"], Delete(1, Pod("ready"), Pod("not-ready", ready: false)));

    [Fact]
    public void A_lower_deletion_cost_goes_first() =>
        Assert.Equal(["cheap"], Delete(1, Pod("dear", cost: "100"), Pod("cheap", cost: "-5")));

    [Fact]
    public void Pods_doubled_up_on_a_node_go_before_pods_alone_on_theirs() =>
        Assert.StartsWith("crowded", Delete(1, Pod("alone", node: "n1"), Pod("crowded-a", node: "n2"), Pod("crowded-b", node: "n2"))[0], StringComparison.Ordinal);

    [Fact]
    public void Pods_ready_for_less_time_go_first_on_a_logarithmic_scale()
    {
        // 1 minute and 3 hours are far apart on a log2 scale: the recently ready pod goes.
        Assert.Equal(["recent"], Delete(1, Pod("old", readyMinutes: 180), Pod("recent", readyMinutes: 1)));
    }

    [Fact]
    public void More_restarts_go_first_when_otherwise_equal() =>
        Assert.Equal(["crashy"], Delete(1, Pod("steady", readyMinutes: 30), Pod("crashy", restarts: 4, readyMinutes: 30)));

    [Fact]
    public void Newer_pods_go_before_older_ones() =>
        Assert.Equal(["young"], Delete(1, Pod("aged", ageMinutes: 600, readyMinutes: 30), Pod("young", ageMinutes: 2, readyMinutes: 30)));

    [Fact]
    public void Asking_for_all_returns_all() =>
        Assert.Equal(2, Delete(5, Pod("a"), Pod("b")).Length);
}
