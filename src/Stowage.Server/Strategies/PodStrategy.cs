using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Server.Errors;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// Pods: status owned by the status subresource (the node agent's), Pending with a QoS class on
/// create; admission resolves the priority (Priority plugin) and adds the not-ready/unreachable
/// tolerations (DefaultTolerationSeconds). Deletion is graceful once the pod is on a node: it is
/// marked for its termination grace period and the node agent deletes it when its containers stopped.
/// </summary>
public sealed class PodStrategy : ResourceStrategy<Pod>
{
    /// <summary>Seconds a pod tolerates a not-ready or unreachable node (DefaultTolerationSeconds).</summary>
    public const long DefaultTolerationSeconds = 300;

    // The two priority classes every cluster has (scheduling.SystemPriorityClasses).
    private static readonly Dictionary<string, int> SystemPriorityClasses = new(StringComparer.Ordinal)
    {
        ["system-node-critical"] = 2000001000,
        ["system-cluster-critical"] = 2000000000,
    };

    private static readonly Toleration[] DefaultTolerations =
    [
        new() { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = DefaultTolerationSeconds },
        new() { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = DefaultTolerationSeconds },
    ];

    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <inheritdoc/>
    public override JsonTypeInfo<Pod> TypeInfo => ApiJsonContext.Default.Pod;

    /// <inheritdoc/>
    public override TablePrinter<Pod> Printer => PodPrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <summary>
    /// Kubernetes' podStrategy.CheckGracefulDelete: the request's grace period, else the pod's
    /// terminationGracePeriodSeconds (30); 0 for a pod no node runs (unscheduled, or finished).
    /// </summary>
    public override long GracePeriodSeconds(Pod obj, Api.Meta.DeleteOptions options)
    {
        var grace = options.GracePeriodSeconds ?? obj.Spec?.TerminationGracePeriodSeconds ?? 30;
        if (string.IsNullOrEmpty(obj.Spec?.NodeName) || obj.Status?.Phase is "Succeeded" or "Failed")
        {
            grace = 0;
        }
        return Math.Max(grace, 0);
    }

    /// <summary>PodToSelectableFields.</summary>
    public override IReadOnlyDictionary<string, Func<Pod, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Pod, string?>>
        {
            ["spec.nodeName"] = p => p.Spec?.NodeName ?? "",
            ["spec.restartPolicy"] = p => p.Spec?.RestartPolicy ?? "",
            ["spec.schedulerName"] = p => p.Spec?.SchedulerName ?? "",
            ["spec.serviceAccountName"] = p => p.Spec?.ServiceAccountName ?? "",
            ["spec.hostNetwork"] = p => p.Spec?.HostNetwork == true ? "true" : "false",
            ["status.phase"] = p => p.Status?.Phase ?? "",
            ["status.podIP"] = p => p.Status?.PodIPs is { Count: > 0 } ips ? ips[0].Ip : "",
            ["status.nominatedNodeName"] = p => p.Status?.NominatedNodeName ?? "",
        };

    /// <inheritdoc/>
    public override Pod Default(Pod obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override Pod PrepareForCreate(Pod obj, DateTimeOffset now)
    {
        // PodLevelResources is alpha and off in 1.32: the field is dropped (DropDisabledPodFields).
        var spec = (obj.Spec ?? new PodSpec()) with { Resources = null };
        var status = new PodStatus { Phase = "Pending", QosClass = PodQos.Compute(spec) };
        if (spec.SchedulingGates is { Count: > 0 })
        {
            status = status with
            {
                Conditions =
                [
                    new PodCondition
                    {
                        Type = "PodScheduled",
                        Status = "False",
                        Reason = "SchedulingGated",
                        Message = "Scheduling is blocked due to non-empty scheduling gates",
                    },
                ],
            };
        }
        return obj with { Spec = spec, Status = status };
    }

    /// <inheritdoc/>
    public override Pod PrepareForUpdate(Pod obj, Pod old, DateTimeOffset now) =>
        obj with
        {
            Status = old.Status,
            Spec = old.Spec?.Resources is null && obj.Spec is { } spec ? spec with { Resources = null } : obj.Spec,
        };

    /// <summary>A binding writes spec.nodeName, annotations and the PodScheduled condition; nothing is reset.</summary>
    public override Pod PrepareForSubresourceUpdate(string subresource, Pod obj, Pod old, DateTimeOffset now) =>
        subresource == "binding" ? obj : PrepareForUpdate(obj, old, now);

    /// <summary>A binding is checked by its handler; only the metadata rules apply (spec.nodeName may change once).</summary>
    public override IReadOnlyList<FieldError> ValidateSubresourceUpdate(string subresource, Pod obj, Pod old) =>
        subresource == "binding" ? ObjectMetaValidation.ValidateObjectMetaUpdate(obj.Metadata, old.Metadata) : ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override Pod PrepareForStatusUpdate(Pod obj, Pod old, DateTimeOffset now)
    {
        var status = obj.Status ?? new PodStatus();
        // The QoS class is fixed at creation; old node agents dropped it, so it is backfilled.
        if (string.IsNullOrEmpty(status.QosClass))
        {
            status = status with { QosClass = old.Status?.QosClass };
        }
        return StatusWrites.KeepAllButStatus(old, obj) with { Status = status };
    }

    /// <inheritdoc/>
    public override ValueTask<Pod> AdmitAsync(AdmissionRequest<Pod> request, CancellationToken cancellationToken)
    {
        var pod = request.Object;
        if (request.Subresource is not null)
        {
            return ValueTask.FromResult(pod);
        }
        var spec = pod.Spec ?? new PodSpec();
        if (request.Operation == AdmissionOperation.Update)
        {
            // Priority admission set these on create; an update that drops them keeps the old ones.
            var old = request.OldObject?.Spec;
            return ValueTask.FromResult(pod with
            {
                Spec = spec with { Priority = spec.Priority ?? old?.Priority, PreemptionPolicy = spec.PreemptionPolicy ?? old?.PreemptionPolicy },
            });
        }
        spec = AdmitPriority(pod, spec);
        spec = spec with { Tolerations = WithDefaultTolerations(spec.Tolerations) };
        return ValueTask.FromResult(pod with { Spec = spec });
    }

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Pod obj) => PodValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Pod obj, Pod old) => PodValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(Pod obj, Pod old) => PodValidation.ValidateStatusUpdate(obj, old);

    // The Priority admission plugin: no class means priority 0 (there is no default PriorityClass);
    // a named class must exist, and a given priority or preemption policy must agree with it.
    private static PodSpec AdmitPriority(Pod pod, PodSpec spec)
    {
        var name = pod.Metadata.Name ?? pod.Metadata.GenerateName ?? "";
        var priority = 0;
        if (!string.IsNullOrEmpty(spec.PriorityClassName) && !SystemPriorityClasses.TryGetValue(spec.PriorityClassName, out priority))
        {
            throw new ApiException(StatusErrors.Forbidden("pods", "", name, $"no PriorityClass with name {spec.PriorityClassName} was found"));
        }
        if (spec.Priority is { } given && given != priority)
        {
            throw new ApiException(StatusErrors.Forbidden("pods", "", name, string.Create(CultureInfo.InvariantCulture,
                $"the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name")));
        }
        const string Preemption = "PreemptLowerPriority";
        if (spec.PreemptionPolicy is { } policy && policy != Preemption)
        {
            throw new ApiException(StatusErrors.Forbidden("pods", "", name,
                $"the string value of PreemptionPolicy ({policy}) must not be provided in pod spec; priority admission controller computed {Preemption} from the given PriorityClass name"));
        }
        return spec with { Priority = priority, PreemptionPolicy = Preemption };
    }

    // DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300s unless the pod
    // already has a toleration for those taints.
    private static List<Toleration> WithDefaultTolerations(IReadOnlyList<Toleration>? tolerations)
    {
        var result = tolerations?.ToList() ?? [];
        foreach (var toleration in DefaultTolerations)
        {
            if (!result.Any(t => Tolerates(t, toleration.Key!)))
            {
                result.Add(toleration);
            }
        }
        return result;
    }

    // The plugin looks at key and effect only: an empty key or effect matches.
    private static bool Tolerates(Toleration t, string key) =>
        (string.IsNullOrEmpty(t.Key) || t.Key == key) && (string.IsNullOrEmpty(t.Effect) || t.Effect == "NoExecute");
}
