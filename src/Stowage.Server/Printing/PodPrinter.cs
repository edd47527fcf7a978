using System.Globalization;
using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary>
/// <c>kubectl get pods</c>: NAME READY STATUS RESTARTS AGE, plus IP NODE NOMINATED NODE READINESS GATES
/// with <c>-o wide</c> (printPod). Succeeded and Failed pods carry a Completed row condition.
/// </summary>
public sealed class PodPrinter : TablePrinter<Pod>
{
    /// <summary>The shared instance.</summary>
    public static PodPrinter Instance { get; } = new();

    private const string NodeUnreachablePodReason = "NodeLost";

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        StandardColumns.String("Status", "The aggregate status of the containers in this pod."),
        StandardColumns.String("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        StandardColumns.Age,
        StandardColumns.String("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", priority: 1),
        StandardColumns.String("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename", priority: 1),
        StandardColumns.String("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.", priority: 1),
        StandardColumns.String("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates", priority: 1),
    ];

    private static readonly TableRowCondition[] Succeeded =
        [new() { Type = "Completed", Status = "True", Reason = "Succeeded", Message = "The pod has completed successfully." }];

    private static readonly TableRowCondition[] Failed =
        [new() { Type = "Completed", Status = "True", Reason = "Failed", Message = "The pod failed." }];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override IReadOnlyList<TableRowCondition>? Conditions(Pod obj) => obj.Status?.Phase switch
    {
        "Succeeded" => Succeeded,
        "Failed" => Failed,
        _ => null,
    };

    /// <inheritdoc/>
    public override void WriteCells(Pod obj, DateTimeOffset now, TableCellWriter cells)
    {
        var summary = Summarize(obj);
        var restarts = summary.Restarts.ToString(CultureInfo.InvariantCulture);
        if (summary.Restarts != 0 && summary.LastRestart is { } last)
        {
            restarts += " (" + HumanDuration.Format(now - last) + " ago)";
        }
        var spec = obj.Spec;
        var status = obj.Status;
        cells.String(obj.Metadata.Name);
        cells.String(string.Create(CultureInfo.InvariantCulture, $"{summary.Ready}/{summary.Total}"));
        cells.String(summary.Reason);
        cells.String(restarts);
        cells.Age(obj.Metadata.CreationTimestamp, now);
        cells.String(status?.PodIPs is { Count: > 0 } ips && ips[0].Ip.Length > 0 ? ips[0].Ip : "<none>");
        cells.String(string.IsNullOrEmpty(spec?.NodeName) ? "<none>" : spec.NodeName);
        cells.String(string.IsNullOrEmpty(status?.NominatedNodeName) ? "<none>" : status.NominatedNodeName);
        cells.String(ReadinessGates(obj));
    }

    /// <summary>What the Ready, Status and Restarts columns show.</summary>
    /// <param name="Ready">Containers ready and running (plus started sidecars that are ready).</param>
    /// <param name="Total">Containers plus sidecar (restartPolicy Always) init containers.</param>
    /// <param name="Reason">The Status column.</param>
    /// <param name="Restarts">Restarts counted as Kubernetes counts them.</param>
    /// <param name="LastRestart">When the last counted restart's previous run finished.</param>
    public readonly record struct PodSummary(int Ready, int Total, string Reason, int Restarts, DateTimeOffset? LastRestart);

    /// <summary>printPod's computation of readiness, status reason and restarts.</summary>
    public static PodSummary Summarize(Pod pod)
    {
        var spec = pod.Spec ?? new PodSpec();
        var status = pod.Status ?? new PodStatus();
        var initContainers = spec.InitContainers ?? [];
        var sidecars = initContainers.Where(c => c.RestartPolicy == "Always").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var total = (spec.Containers?.Count ?? 0) + sidecars.Count;
        var ready = 0;
        var restarts = 0;
        var sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null, lastSidecarRestart = null;
        var reason = string.IsNullOrEmpty(status.Reason) ? status.Phase ?? "" : status.Reason;
        if ((status.Conditions ?? []).Any(c => c.Type == "PodScheduled" && c.Reason == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initializing = false;
        var initStatuses = status.InitContainerStatuses ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var c = initStatuses[i];
            var isSidecar = sidecars.Contains(c.Name);
            restarts += c.RestartCount;
            lastRestart = Later(lastRestart, c.LastState?.Terminated?.FinishedAt);
            if (isSidecar)
            {
                sidecarRestarts += c.RestartCount;
                lastSidecarRestart = Later(lastSidecarRestart, c.LastState?.Terminated?.FinishedAt);
            }
            var terminated = c.State?.Terminated;
            var waiting = c.State?.Waiting;
            if (terminated is { ExitCode: 0 })
            {
                continue;
            }
            if (isSidecar && c.Started == true)
            {
                if (c.Ready)
                {
                    ready++;
                }
                continue;
            }
            if (terminated is not null)
            {
                reason = string.IsNullOrEmpty(terminated.Reason)
                    ? terminated.Signal is { } signal and not 0
                        ? string.Create(CultureInfo.InvariantCulture, $"Init:Signal:{signal}")
                        : string.Create(CultureInfo.InvariantCulture, $"Init:ExitCode:{terminated.ExitCode}")
                    : "Init:" + terminated.Reason;
            }
            else if (waiting is { Reason: { Length: > 0 } waitingReason } && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{initContainers.Count}");
            }
            initializing = true;
            break;
        }

        if (!initializing || (status.Conditions ?? []).Any(c => c.Type == "Initialized" && c.Status == "True"))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var c = statuses[i];
                restarts += c.RestartCount;
                lastRestart = Later(lastRestart, c.LastState?.Terminated?.FinishedAt);
                var terminated = c.State?.Terminated;
                if (c.State?.Waiting is { Reason: { Length: > 0 } waitingReason })
                {
                    reason = waitingReason;
                }
                else if (terminated is { Reason: { Length: > 0 } terminatedReason })
                {
                    reason = terminatedReason;
                }
                else if (terminated is not null)
                {
                    reason = terminated.Signal is { } signal and not 0
                        ? string.Create(CultureInfo.InvariantCulture, $"Signal:{signal}")
                        : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{terminated.ExitCode}");
                }
                else if (c.Ready && c.State?.Running is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }
            // Some container still runs: the pod is not Completed.
            if (reason == "Completed" && hasRunning)
            {
                reason = (status.Conditions ?? []).Any(c => c.Type == "Ready" && c.Status == "True") ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata.DeletionTimestamp is not null && status.Reason == NodeUnreachablePodReason)
        {
            reason = "Unknown";
        }
        else if (pod.Metadata.DeletionTimestamp is not null && status.Phase is not ("Succeeded" or "Failed"))
        {
            reason = "Terminating";
        }
        return new PodSummary(ready, total, reason, restarts, lastRestart);
    }

    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
        candidate is { } c && (current is null || c > current) ? c : current;

    // "true conditions/gates", or <none> without gates.
    private static string ReadinessGates(Pod pod)
    {
        var gates = pod.Spec?.ReadinessGates ?? [];
        if (gates.Count == 0)
        {
            return "<none>";
        }
        var conditions = pod.Status?.Conditions ?? [];
        var trueCount = gates.Count(g => conditions.FirstOrDefault(c => c.Type == g.ConditionType)?.Status == "True");
        return string.Create(CultureInfo.InvariantCulture, $"{trueCount}/{gates.Count}");
    }
}
