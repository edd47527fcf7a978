using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class PodPrinterTests
{
    private static readonly PodPrinter Printer = PodPrinter.Instance;

    /// <summary>What kubectl run web --image=busybox --restart=Never creates, before any node runs it.</summary>
    public static Pod PendingPod => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", CreationTimestamp = Ago(5, 27) },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "busybox" }], RestartPolicy = "Never" },
        Status = new PodStatus { Phase = "Pending", QosClass = "BestEffort" },
    };

    /// <summary>test-pd of seed 002 running on node-1: two ready containers.</summary>
    public static Pod RunningPod => new()
    {
        Metadata = new ObjectMeta { Name = "test-pd", Namespace = "default", CreationTimestamp = Ago(3) },
        Spec = new PodSpec
        {
            NodeName = "node-1",
            Containers = [new Container { Name = "test-conta", Image = "busybox" }, new Container { Name = "read-conta", Image = "busybox" }],
        },
        Status = new PodStatus
        {
            Phase = "Running",
            PodIP = "10.244.0.7",
            PodIPs = [new PodIp { Ip = "10.244.0.7" }],
            Conditions = [new PodCondition { Type = "Ready", Status = "True" }],
            ContainerStatuses = [Running("test-conta"), Running("read-conta")],
        },
    };

    private static ContainerStatus Running(string name, int restarts = 0, bool ready = true) => new()
    {
        Name = name,
        Ready = ready,
        RestartCount = restarts,
        Image = "busybox",
        State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Ago(2) } },
    };

    private static ContainerStatus Waiting(string name, string reason, int restarts = 0) => new()
    {
        Name = name,
        RestartCount = restarts,
        State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason } },
    };

    private static ContainerStatus Terminated(string name, int exitCode, string? reason = null, int? signal = null) => new()
    {
        Name = name,
        State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, Reason = reason, Signal = signal } },
    };

    private static Pod WithStatus(Pod pod, Func<PodStatus, PodStatus> change) => pod with { Status = change(pod.Status!) };

    private static string Status(Pod pod) => Printer.Cells(pod, Now)[2]!.GetValue<string>();

    [Fact]
    public void Has_the_kubectl_get_pods_columns_with_the_wide_ones_at_priority_1()
    {
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], Printer.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], Printer.Columns.Select(c => c.Priority));
        Assert.All(Printer.Columns, c => Assert.Equal("string", c.Type));
    }

    [Fact]
    public void Prints_a_pending_pod_with_none_for_the_wide_cells() =>
        AssertCells("""["web","0/1","Pending","0","5m27s","<none>","<none>","<none>","<none>"]""", Printer.Cells(PendingPod, Now));

    [Fact]
    public void Prints_a_running_pod_with_its_ip_and_node() =>
        AssertCells("""["test-pd","2/2","Running","0","3m","10.244.0.7","node-1","<none>","<none>"]""", Printer.Cells(RunningPod, Now));

    [Fact]
    public void Counts_only_containers_that_are_ready_and_running()
    {
        var pod = WithStatus(RunningPod, s => s with { ContainerStatuses = [Running("test-conta", ready: false), Running("read-conta")] });
        Assert.Equal("1/2", Printer.Cells(pod, Now)[1]!.GetValue<string>());
    }

    [Fact]
    public void Shows_restarts_with_the_age_of_the_last_termination()
    {
        var restarted = Running("read-conta", restarts: 3) with
        {
            LastState = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, FinishedAt = Ago(2, 5) } },
        };
        var pod = WithStatus(RunningPod, s => s with { ContainerStatuses = [Running("test-conta", restarts: 1), restarted] });
        Assert.Equal("4 (2m5s ago)", Printer.Cells(pod, Now)[3]!.GetValue<string>());
        var noTermination = WithStatus(RunningPod, s => s with { ContainerStatuses = [Running("test-conta", restarts: 2), Running("read-conta")] });
        Assert.Equal("2", Printer.Cells(noTermination, Now)[3]!.GetValue<string>());
    }

    [Theory]
    [InlineData("CrashLoopBackOff")]
    [InlineData("ErrImagePull")]
    [InlineData("ContainerCreating")]
    public void A_waiting_reason_becomes_the_status(string reason) =>
        Assert.Equal(reason, Status(WithStatus(RunningPod, s => s with { ContainerStatuses = [Running("test-conta"), Waiting("read-conta", reason)] })));

    [Fact]
    public void The_first_container_with_a_reason_wins_because_containers_are_read_backwards()
    {
        var pod = WithStatus(RunningPod, s => s with { ContainerStatuses = [Waiting("test-conta", "ErrImagePull"), Waiting("read-conta", "ContainerCreating")] });
        Assert.Equal("ErrImagePull", Status(pod));
    }

    [Theory]
    [InlineData(1, null, null, "ExitCode:1")]
    [InlineData(137, null, 9, "Signal:9")]
    [InlineData(1, "Error", null, "Error")]
    [InlineData(137, "OOMKilled", 9, "OOMKilled")]
    public void A_terminated_container_shows_its_reason_signal_or_exit_code(int exitCode, string? reason, int? signal, string expected) =>
        Assert.Equal(expected, Status(WithStatus(RunningPod, s => s with { Phase = "Failed", ContainerStatuses = [Terminated("test-conta", exitCode, reason, signal)] })));

    [Fact]
    public void Completed_with_a_container_still_running_is_Running_when_ready_and_NotReady_otherwise()
    {
        var pod = WithStatus(RunningPod, s => s with { ContainerStatuses = [Terminated("test-conta", 0, "Completed"), Running("read-conta")] });
        Assert.Equal("Running", Status(pod));
        Assert.Equal("NotReady", Status(WithStatus(pod, s => s with { Conditions = [new PodCondition { Type = "Ready", Status = "False" }] })));
    }

    [Fact]
    public void Status_reason_overrides_the_phase()
    {
        var evicted = WithStatus(PendingPod, s => s with { Phase = "Failed", Reason = "Evicted" });
        Assert.Equal("Evicted", Status(evicted));
    }

    [Fact]
    public void A_scheduling_gated_pod_shows_SchedulingGated()
    {
        var gated = WithStatus(PendingPod, s => s with { Conditions = [new PodCondition { Type = "PodScheduled", Status = "False", Reason = "SchedulingGated" }] });
        Assert.Equal("SchedulingGated", Status(gated));
    }

    [Fact]
    public void A_pod_being_deleted_is_Terminating_unless_it_already_finished()
    {
        var deleting = RunningPod with { Metadata = RunningPod.Metadata with { DeletionTimestamp = Now } };
        Assert.Equal("Terminating", Status(deleting));
        var finished = WithStatus(deleting, s => s with { Phase = "Succeeded", ContainerStatuses = [Terminated("test-conta", 0, "Completed"), Terminated("read-conta", 0, "Completed")] });
        Assert.Equal("Completed", Status(finished));
        var lost = WithStatus(deleting, s => s with { Reason = "NodeLost" });
        Assert.Equal("Unknown", Status(lost));
    }

    private static Pod WithInit(params ContainerStatus[] initStatuses)
    {
        var pod = PendingPod with
        {
            Spec = PendingPod.Spec! with { InitContainers = [new Container { Name = "init-a", Image = "busybox" }, new Container { Name = "init-b", Image = "busybox" }] },
        };
        return WithStatus(pod, s => s with { InitContainerStatuses = initStatuses, ContainerStatuses = [Waiting("web", "PodInitializing")] });
    }

    [Fact]
    public void Init_containers_show_progress_their_waiting_reason_or_their_failure()
    {
        Assert.Equal("Init:0/2", Status(WithInit(Waiting("init-a", "PodInitializing"), Waiting("init-b", "PodInitializing"))));
        Assert.Equal("Init:1/2", Status(WithInit(Terminated("init-a", 0, "Completed"), Waiting("init-b", "PodInitializing"))));
        Assert.Equal("Init:ErrImagePull", Status(WithInit(Waiting("init-a", "ErrImagePull"))));
        Assert.Equal("Init:Error", Status(WithInit(Terminated("init-a", 2, "Error"))));
        Assert.Equal("Init:ExitCode:2", Status(WithInit(Terminated("init-a", 2))));
        Assert.Equal("Init:Signal:9", Status(WithInit(Terminated("init-a", 137, signal: 9))));
        Assert.Equal("PodInitializing", Status(WithInit(Terminated("init-a", 0, "Completed"), Terminated("init-b", 0, "Completed"))));
    }

    [Fact]
    public void Sidecar_init_containers_count_toward_ready_and_total()
    {
        var pod = RunningPod with
        {
            Spec = RunningPod.Spec! with { InitContainers = [new Container { Name = "proxy", Image = "envoy", RestartPolicy = "Always" }] },
        };
        pod = WithStatus(pod, s => s with { InitContainerStatuses = [Running("proxy", restarts: 1) with { Started = true }] });
        var cells = Printer.Cells(pod, Now);
        Assert.Equal(("3/3", "Running", "1"), (cells[1]!.GetValue<string>(), cells[2]!.GetValue<string>(), cells[3]!.GetValue<string>()));
    }

    [Fact]
    public void Readiness_gates_count_the_true_conditions()
    {
        var pod = RunningPod with { Spec = RunningPod.Spec! with { ReadinessGates = [new PodReadinessGate { ConditionType = "example.com/lb" }, new PodReadinessGate { ConditionType = "example.com/dns" }] } };
        pod = WithStatus(pod, s => s with { Conditions = [.. s.Conditions!, new PodCondition { Type = "example.com/lb", Status = "True" }, new PodCondition { Type = "example.com/dns", Status = "False" }] });
        Assert.Equal("1/2", Printer.Cells(pod, Now)[8]!.GetValue<string>());
    }

    [Fact]
    public void Finished_pods_carry_a_Completed_row_condition()
    {
        Assert.Null(Printer.Conditions(RunningPod));
        var succeeded = Assert.Single(Printer.Conditions(WithStatus(RunningPod, s => s with { Phase = "Succeeded" }))!);
        Assert.Equal(("Completed", "True", "Succeeded", "The pod has completed successfully."), (succeeded.Type, succeeded.Status, succeeded.Reason, succeeded.Message));
        var failed = Assert.Single(Printer.Conditions(WithStatus(RunningPod, s => s with { Phase = "Failed" }))!);
        Assert.Equal(("Completed", "True", "Failed", "The pod failed."), (failed.Type, failed.Status, failed.Reason, failed.Message));
    }
}
