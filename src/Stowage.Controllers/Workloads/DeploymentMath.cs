using System.Globalization;
using Stowage.Api.Apps;
using Stowage.Api.Quantities;

namespace Stowage.Controllers.Workloads;

/// <summary>
/// The arithmetic of deployments, pure (deployment_util.go and rolling.go in Kubernetes): surge and
/// unavailability bounds, how far a rollout step may go, proportional scaling.
/// </summary>
public static class DeploymentMath
{
    /// <summary>deployment.kubernetes.io/desired-replicas.</summary>
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";

    /// <summary>deployment.kubernetes.io/max-replicas.</summary>
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>spec.replicas (1 when unset).</summary>
    public static int Replicas(Deployment d) => d.Spec?.Replicas ?? 1;

    /// <summary>A replica set's spec.replicas (1 when unset).</summary>
    public static int Replicas(ReplicaSet rs) => rs.Spec?.Replicas ?? 1;

    /// <summary>True for the RollingUpdate strategy.</summary>
    public static bool IsRollingUpdate(Deployment d) => d.Spec?.Strategy?.Type == "RollingUpdate";

    /// <summary>
    /// ResolveFenceposts: maxSurge rounded up and maxUnavailable rounded down against the desired
    /// replicas; if both come to 0, maxUnavailable is 1 so that the rollout can move.
    /// </summary>
    public static (int Surge, int Unavailable) ResolveFenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = Scaled(maxSurge ?? IntOrString.FromInt32(0), desired, roundUp: true);
        var unavailable = Scaled(maxUnavailable ?? IntOrString.FromInt32(0), desired, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }
        return (surge, unavailable);
    }

    /// <summary>MaxSurge: 0 unless rolling.</summary>
    public static int MaxSurge(Deployment d)
    {
        if (!IsRollingUpdate(d))
        {
            return 0;
        }
        var rolling = d.Spec?.Strategy?.RollingUpdate;
        return ResolveFenceposts(rolling?.MaxSurge, rolling?.MaxUnavailable, Replicas(d)).Surge;
    }

    /// <summary>MaxUnavailable: 0 unless rolling with replicas; never more than the replicas.</summary>
    public static int MaxUnavailable(Deployment d)
    {
        if (!IsRollingUpdate(d) || Replicas(d) == 0)
        {
            return 0;
        }
        var rolling = d.Spec?.Strategy?.RollingUpdate;
        var unavailable = ResolveFenceposts(rolling?.MaxSurge, rolling?.MaxUnavailable, Replicas(d)).Unavailable;
        return Math.Min(unavailable, Replicas(d));
    }

    /// <summary>
    /// NewRSNewReplicas: how big the new replica set may be now. Rolling: up to replicas + maxSurge
    /// pods in all sets, never above replicas; Recreate: replicas.
    /// </summary>
    public static int NewReplicaSetReplicas(Deployment d, IEnumerable<ReplicaSet> all, ReplicaSet newRs)
    {
        if (!IsRollingUpdate(d))
        {
            return Replicas(d);
        }
        var maxTotal = Replicas(d) + MaxSurge(d);
        var current = all.Sum(Replicas);
        if (current >= maxTotal)
        {
            return Replicas(newRs);
        }
        var up = Math.Min(maxTotal - current, Replicas(d) - Replicas(newRs));
        return Replicas(newRs) + up;
    }

    /// <summary>
    /// reconcileOldReplicaSets' budget: how many old pods may go now, given that minAvailable =
    /// replicas - maxUnavailable must stay and the new set's unavailable pods count against it.
    /// </summary>
    public static int MaxScaledDown(Deployment d, IEnumerable<ReplicaSet> all, ReplicaSet newRs)
    {
        var allPods = all.Sum(Replicas);
        var minAvailable = Replicas(d) - MaxUnavailable(d);
        var newUnavailable = Replicas(newRs) - (newRs.Status?.AvailableReplicas ?? 0);
        return allPods - minAvailable - newUnavailable;
    }

    /// <summary>
    /// scaleDownOldReplicaSetsForRollingUpdate's budget: available pods above minAvailable (0 when
    /// none may go).
    /// </summary>
    public static int ScaleDownBudget(Deployment d, IEnumerable<ReplicaSet> all)
    {
        var minAvailable = Replicas(d) - MaxUnavailable(d);
        var available = all.Sum(rs => rs.Status?.AvailableReplicas ?? 0);
        return Math.Max(available - minAvailable, 0);
    }

    /// <summary>
    /// GetReplicaSetProportion: this set's share of <paramref name="toAdd"/> replicas being added
    /// (or removed) across the active sets, from the max-replicas annotation the set was sized for.
    /// </summary>
    public static int Proportion(ReplicaSet rs, Deployment d, int toAdd, int added)
    {
        if (Replicas(rs) == 0 || toAdd == 0 || toAdd == added)
        {
            return 0;
        }
        var fraction = Fraction(rs, d);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    private static int Fraction(ReplicaSet rs, Deployment d)
    {
        if (Replicas(d) == 0)
        {
            return -Replicas(rs);
        }
        var max = Replicas(d) + MaxSurge(d);
        var before = Annotation(rs, MaxReplicasAnnotation) is { } m && m != 0 ? m : d.Status?.Replicas ?? 0;
        if (before == 0)
        {
            return 0;
        }
        var size = (double)Replicas(rs) * max / before;
        return (int)Math.Round(size, MidpointRounding.AwayFromZero) - Replicas(rs);
    }

    /// <summary>IsSaturated: the set is the deployment's full size and all of it is available.</summary>
    public static bool IsSaturated(Deployment d, ReplicaSet? rs) =>
        rs is not null && Annotation(rs, DesiredReplicasAnnotation) is { } desired
        && Replicas(rs) == Replicas(d) && desired == Replicas(d) && (rs.Status?.AvailableReplicas ?? 0) == Replicas(d);

    /// <summary>ReplicasAnnotationsNeedUpdate.</summary>
    public static bool AnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) =>
        rs.Metadata.Annotations?.GetValueOrDefault(DesiredReplicasAnnotation) != desired.ToString(CultureInfo.InvariantCulture)
        || rs.Metadata.Annotations?.GetValueOrDefault(MaxReplicasAnnotation) != max.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer annotation of a replica set, if present and valid.</summary>
    public static int? Annotation(ReplicaSet rs, string name) =>
        rs.Metadata.Annotations?.GetValueOrDefault(name) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>DeploymentComplete: every desired replica updated and available, and the generation observed.</summary>
    public static bool Complete(Deployment d, DeploymentStatus status) =>
        status.UpdatedReplicas == Replicas(d) && status.Replicas == Replicas(d)
        && status.AvailableReplicas == Replicas(d) && status.ObservedGeneration >= (d.Metadata.Generation ?? 0);

    /// <summary>DeploymentProgressing: more updated, fewer old, more ready or more available pods than before.</summary>
    public static bool Progressing(Deployment d, DeploymentStatus status)
    {
        var old = d.Status ?? new DeploymentStatus();
        return status.UpdatedReplicas > old.UpdatedReplicas
            || status.Replicas - status.UpdatedReplicas < old.Replicas - old.UpdatedReplicas
            || status.ReadyReplicas > old.ReadyReplicas
            || status.AvailableReplicas > old.AvailableReplicas;
    }

    private static int Scaled(IntOrString value, int total, bool roundUp)
    {
        if (!value.TryGetScaledValue(total, roundUp, out var scaled, out var error))
        {
            throw new InvalidOperationException(error);
        }
        return scaled;
    }
}
