using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

namespace Stowage.Controllers.Scheduling;

/// <summary>
/// Stowage's kube-scheduler: assigns each pod without a node to a Ready node that fits it
/// (<see cref="NodeFit"/>, <see cref="ClaimCheck"/>), through the pod's <c>binding</c> subresource.
/// For WaitForFirstConsumer claims it first writes <c>volume.kubernetes.io/selected-node</c> on the
/// claim and binds the pod once the claim is bound. A pod that fits nowhere gets PodScheduled=False
/// and a FailedScheduling event with Kubernetes' "0/N nodes are available: ..." text, and is tried
/// again when nodes, claims, volumes or classes change.
/// </summary>
public sealed partial class Scheduler
{
    /// <summary>The scheduler name pods ask for.</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    private readonly ApiClient _client;
    private readonly EventRecorder _recorder;
    private readonly Informer<Pod> _pods;
    private readonly Informer<Node> _nodes;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _classes;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <summary>Creates the scheduler over shared informers.</summary>
    public Scheduler(ApiClient client, EventRecorder recorder, Informer<Pod> pods, Informer<Node> nodes, Informer<PersistentVolumeClaim> claims,
        Informer<PersistentVolume> volumes, Informer<StorageClass> classes, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _recorder = recorder;
        _pods = pods;
        _nodes = nodes;
        _claims = claims;
        _volumes = volumes;
        _classes = classes;
        _clock = clock;
        _logger = logger;
        _queue = new WorkQueue<string>(clock);
        pods.OnAdd(EnqueueIfPending);
        pods.OnUpdate((_, p) => EnqueueIfPending(p));
        pods.OnDelete(_ => EnqueueAllPending()); // a finished ReadWriteOncePod user frees its claim
        nodes.OnAdd(_ => EnqueueAllPending());
        nodes.OnUpdate((_, _) => EnqueueAllPending());
        claims.OnAdd(_ => EnqueueAllPending());
        claims.OnUpdate((_, _) => EnqueueAllPending());
        claims.OnDelete(_ => EnqueueAllPending());
        volumes.OnAdd(_ => EnqueueAllPending());
        volumes.OnUpdate((_, _) => EnqueueAllPending());
        classes.OnAdd(_ => EnqueueAllPending());
        _runner = new ControllerRunner("scheduler", [pods, nodes, claims, volumes, classes], _queue, ReconcileAsync, 1, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    /// <summary>True for a pod this scheduler must place.</summary>
    public static bool NeedsScheduling(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName) && pod.Metadata.DeletionTimestamp is null
        && (string.IsNullOrEmpty(pod.Spec?.SchedulerName) || pod.Spec.SchedulerName == DefaultSchedulerName)
        && pod.Status?.Phase is not ("Succeeded" or "Failed");

    private void EnqueueIfPending(Pod pod)
    {
        if (NeedsScheduling(pod))
        {
            _queue.Add(Informer<Pod>.KeyOf(pod));
        }
    }

    private void EnqueueAllPending()
    {
        foreach (var pod in _pods.List())
        {
            EnqueueIfPending(pod);
        }
    }

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (_pods.Get(key) is not { } pod || !NeedsScheduling(pod))
        {
            return ReconcileResult.Done;
        }
        var nodes = _nodes.List().OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToList();
        var allPods = _pods.List();
        var claims = ClaimCheck.Evaluate(pod, (ns, name) => _claims.Get($"{ns}/{name}"), name => _volumes.Get(name),
            name => _classes.Get(name), allPods);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var feasible = new List<Node>();
        if (claims.Failure is { } failure)
        {
            reasons[failure] = nodes.Count;
        }
        else
        {
            foreach (var node in nodes)
            {
                if ((NodeFit.Check(pod, node) ?? claims.CheckNode(node)) is { } reason)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
                else
                {
                    feasible.Add(node);
                }
            }
        }
        if (feasible.Count == 0)
        {
            await MarkUnschedulableAsync(pod, NodeFit.FitError(nodes.Count, reasons), cancellationToken).ConfigureAwait(false);
            return new ReconcileResult(Retry);
        }
        // The least loaded node, by name on ties.
        var load = allPods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && p.Status?.Phase is not ("Succeeded" or "Failed"))
            .GroupBy(p => p.Spec!.NodeName!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var chosen = feasible.OrderBy(n => load.GetValueOrDefault(n.Metadata.Name!)).First();
        var nodeName = chosen.Metadata.Name!;

        // WaitForFirstConsumer: the claims learn the node first; the pod is bound once they are.
        if (claims.DelayedClaims.Count > 0)
        {
            foreach (var claim in claims.DelayedClaims)
            {
                if (claim.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.SelectedNode) != nodeName)
                {
                    var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [BinderAnnotations.SelectedNode] = nodeName } } };
                    _claims.Remember(await _client.MergePatchAsync(ResourceTypes.PersistentVolumeClaims, claim.Metadata.Namespace, claim.Metadata.Name!,
                        patch.ToJsonString(), cancellationToken).ConfigureAwait(false));
                }
            }
            return ReconcileResult.Done; // the claims' binding requeues the pod
        }

        try
        {
            await _client.BindAsync(pod.Metadata.Namespace ?? "default", pod.Metadata.Name!, nodeName, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiClientException e) when (e.Status.Code is 409 or 404)
        {
            return ReconcileResult.Done; // bound by someone else, or gone
        }
        _recorder.Record(PodRef(pod), "Normal", "Scheduled", $"Successfully assigned {pod.Metadata.Namespace}/{pod.Metadata.Name} to {nodeName}");
        LogScheduled(_logger, key, nodeName);
        return ReconcileResult.Done;
    }

    private async Task MarkUnschedulableAsync(Pod pod, string message, CancellationToken cancellationToken)
    {
        var current = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (current is { Status: "False", Reason: "Unschedulable" } && current.Message == message)
        {
            return;
        }
        _recorder.Record(PodRef(pod), "Warning", "FailedScheduling", message);
        var conditions = (pod.Status?.Conditions ?? []).Where(c => c.Type != "PodScheduled").Append(new PodCondition
        {
            Type = "PodScheduled",
            Status = "False",
            Reason = "Unschedulable",
            Message = message,
            LastTransitionTime = TruncatedNow(),
        }).ToList();
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["conditions"] = JsonSerializer.SerializeToNode(conditions, Api.ApiJsonContext.Default.IReadOnlyListPodCondition),
            },
        };
        try
        {
            _pods.Remember(await _client.MergePatchAsync(ResourceTypes.Pods, pod.Metadata.Namespace, pod.Metadata.Name!, patch.ToJsonString(),
                cancellationToken, "status").ConfigureAwait(false));
        }
        catch (ApiClientException e) when (e.Status.Code == 404)
        {
            // deleted meanwhile
        }
    }

    private DateTimeOffset TruncatedNow()
    {
        var now = _clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private static ObjectReference PodRef(Pod pod) => new()
    {
        Kind = "Pod",
        ApiVersion = "v1",
        Namespace = pod.Metadata.Namespace,
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid,
        ResourceVersion = pod.Metadata.ResourceVersion,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled {Pod} to {Node}")]
    private static partial void LogScheduled(ILogger logger, string pod, string node);
}
