using System.Globalization;
using Stowage.Api.Apps;

namespace Stowage.Controllers.Workloads;

/// <summary>
/// Revisions and the annotations a deployment copies to its replica sets (deployment_util.go):
/// <c>deployment.kubernetes.io/revision</c> numbers the templates a deployment has had (the
/// newest set has the highest; rolling back to an old set gives it a new number and remembers the
/// old ones in <c>revision-history</c>); every other deployment annotation, such as
/// <c>kubernetes.io/change-cause</c>, is copied, which <c>kubectl rollout history</c> reads.
/// </summary>
public static class DeploymentRevisions
{
    /// <summary>deployment.kubernetes.io/revision.</summary>
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    /// <summary>deployment.kubernetes.io/revision-history.</summary>
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";

    /// <summary>kubernetes.io/change-cause.</summary>
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    // The history annotation is kept below this many characters.
    private const int MaxRevisionHistoryLength = 2000;

    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        RevisionHistoryAnnotation,
        DeploymentMath.DesiredReplicasAnnotation,
        DeploymentMath.MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    };

    /// <summary>A replica set's revision (0 when it has none).</summary>
    public static long Revision(ReplicaSet rs) =>
        rs.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>The highest revision among the sets.</summary>
    public static long MaxRevision(IEnumerable<ReplicaSet> sets) => sets.Select(Revision).DefaultIfEmpty(0).Max();

    /// <summary>
    /// SetNewReplicaSetAnnotations: the new set's annotations given the deployment's and the revision
    /// it should have; null when nothing changes.
    /// </summary>
    public static Dictionary<string, string>? NewReplicaSetAnnotations(Deployment d, ReplicaSet rs, string newRevision, bool exists)
    {
        var annotations = new Dictionary<string, string>(rs.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var changed = false;
        foreach (var (k, v) in d.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (NotCopied.Contains(k) || (annotations.TryGetValue(k, out var existing) && existing == v))
            {
                continue;
            }
            annotations[k] = v;
            changed = true;
        }
        var hadRevision = annotations.TryGetValue(RevisionAnnotation, out var oldRevision);
        if (!long.TryParse(oldRevision ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out var oldNumber))
        {
            return changed ? annotations : null;
        }
        var newNumber = long.Parse(newRevision, CultureInfo.InvariantCulture);
        if (oldNumber < newNumber)
        {
            annotations[RevisionAnnotation] = newRevision;
            changed = true;
            if (hadRevision)
            {
                // Rolled back to this set: remember the revisions it had.
                var history = annotations.GetValueOrDefault(RevisionHistoryAnnotation) ?? "";
                var revisions = history.Length == 0 ? [] : history.Split(',').ToList();
                revisions.Add(oldRevision!);
                while (string.Join(',', revisions).Length > MaxRevisionHistoryLength && revisions.Count > 1)
                {
                    revisions.RemoveAt(0);
                }
                annotations[RevisionHistoryAnnotation] = string.Join(',', revisions);
            }
        }
        if (!exists)
        {
            var desired = DeploymentMath.Replicas(d);
            annotations[DeploymentMath.DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture);
            annotations[DeploymentMath.MaxReplicasAnnotation] = (desired + DeploymentMath.MaxSurge(d)).ToString(CultureInfo.InvariantCulture);
            changed = true;
        }
        return changed ? annotations : null;
    }
}
