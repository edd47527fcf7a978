using Stowage.Api.Apps;
using Stowage.Api.Core;

namespace Stowage.Api.Defaulting;

// Workloads: SetDefaults_ReplicationController (core/v1), SetDefaults_ReplicaSet and
// SetDefaults_Deployment (apps/v1), plus the pod template defaults every template gets.
public static partial class ApiDefaults
{
    /// <summary>The default revisionHistoryLimit of an apps/v1 Deployment.</summary>
    public const int DefaultRevisionHistoryLimit = 10;

    /// <summary>The default progressDeadlineSeconds of an apps/v1 Deployment.</summary>
    public const int DefaultProgressDeadlineSeconds = 600;

    /// <summary>
    /// replicas 1; an empty selector and empty labels are taken from the template's labels (core/v1
    /// still infers them, unlike apps/v1); the template gets the pod spec defaults.
    /// </summary>
    public static ReplicationController Apply(ReplicationController rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var spec = rc.Spec ?? new ReplicationControllerSpec();
        var meta = rc.Metadata;
        if (spec.Template?.Metadata?.Labels is { } labels)
        {
            if (spec.Selector is not { Count: > 0 })
            {
                spec = spec with { Selector = labels };
            }
            if (meta.Labels is not { Count: > 0 })
            {
                meta = meta with { Labels = labels };
            }
        }
        spec = spec with
        {
            Replicas = spec.Replicas ?? 1,
            Template = spec.Template is null ? null : Apply(spec.Template),
        };
        return rc with { Metadata = meta, Spec = spec };
    }

    /// <summary>replicas 1 and the template's pod spec defaults.</summary>
    public static ReplicaSet Apply(ReplicaSet rs)
    {
        ArgumentNullException.ThrowIfNull(rs);
        var spec = rs.Spec ?? new ReplicaSetSpec();
        return rs with
        {
            Spec = spec with { Replicas = spec.Replicas ?? 1, Template = Apply(spec.Template ?? new PodTemplateSpec()) },
        };
    }

    /// <summary>
    /// replicas 1, strategy RollingUpdate with maxUnavailable and maxSurge 25%, revisionHistoryLimit
    /// 10, progressDeadlineSeconds 600, and the template's pod spec defaults.
    /// </summary>
    public static Deployment Apply(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var spec = deployment.Spec ?? new DeploymentSpec();
        var strategy = spec.Strategy ?? new DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy = strategy with { Type = "RollingUpdate" };
        }
        if (strategy.Type == "RollingUpdate")
        {
            var rolling = strategy.RollingUpdate ?? new RollingUpdateDeployment();
            strategy = strategy with
            {
                RollingUpdate = rolling with
                {
                    MaxUnavailable = rolling.MaxUnavailable ?? Quantities.IntOrString.FromString("25%"),
                    MaxSurge = rolling.MaxSurge ?? Quantities.IntOrString.FromString("25%"),
                },
            };
        }
        return deployment with
        {
            Spec = spec with
            {
                Replicas = spec.Replicas ?? 1,
                Strategy = strategy,
                RevisionHistoryLimit = spec.RevisionHistoryLimit ?? DefaultRevisionHistoryLimit,
                ProgressDeadlineSeconds = spec.ProgressDeadlineSeconds ?? DefaultProgressDeadlineSeconds,
                Template = Apply(spec.Template ?? new PodTemplateSpec()),
            },
        };
    }
}
