using System.Globalization;
using Stowage.Api.Core;

namespace Stowage.Controllers.Workloads;

/// <summary>
/// Which pods a replica set deletes first when it has too many (getPodsToDelete and
/// ActivePodsWithRanks.Less in Kubernetes 1.32, with PodDeletionCost and LogarithmicScaleDown on,
/// as they are by default). The first pods in the order are the cheapest to lose:
/// <list type="number">
/// <item>unscheduled before scheduled;</item>
/// <item>Pending before Unknown before Running;</item>
/// <item>not ready before ready;</item>
/// <item>lower controller.kubernetes.io/pod-deletion-cost first;</item>
/// <item>pods doubled up on a node with more ready pods of the set first;</item>
/// <item>ready for less time first (compared on a log2 scale of age, ties broken by uid);</item>
/// <item>more container restarts first;</item>
/// <item>newer first (again on a log2 scale, ties by uid); pods without a time first.</item>
/// </list>
/// </summary>
public static class PodDeletionRanking
{
    private const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>The <paramref name="count"/> pods of <paramref name="candidates"/> to delete.</summary>
    /// <param name="candidates">The set's active pods.</param>
    /// <param name="related">Active pods of the set and of sets owned by the same controller (for the co-location rank).</param>
    /// <param name="count">How many to delete.</param>
    /// <param name="now">The current time, for the logarithmic age comparison.</param>
    public static IReadOnlyList<Pod> PodsToDelete(IReadOnlyList<Pod> candidates, IReadOnlyList<Pod> related, int count, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(related);
        if (count >= candidates.Count)
        {
            return candidates;
        }
        var podsOnNode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in related.Where(PodStates.IsActive))
        {
            var node = pod.Spec?.NodeName ?? "";
            podsOnNode[node] = podsOnNode.GetValueOrDefault(node) + 1;
        }
        var ranked = candidates.Select(p => (Pod: p, Rank: podsOnNode.GetValueOrDefault(p.Spec?.NodeName ?? ""))).ToList();
        // A stable sort, as Go's sort.Sort is not, but equal pods have no order in Kubernetes either.
        var comparer = Comparer<(Pod Pod, int Rank)>.Create((a, b) => Less(a, b, now) ? -1 : Less(b, a, now) ? 1 : 0);
        return ranked.OrderBy(x => x, comparer).Take(count).Select(x => x.Pod).ToList();
    }

    private static bool Less((Pod Pod, int Rank) a, (Pod Pod, int Rank) b, DateTimeOffset now)
    {
        var (pi, pj) = (a.Pod, b.Pod);
        var nodeI = pi.Spec?.NodeName ?? "";
        var nodeJ = pj.Spec?.NodeName ?? "";
        if (nodeI != nodeJ && (nodeI.Length == 0 || nodeJ.Length == 0))
        {
            return nodeI.Length == 0;
        }
        var phaseI = PhaseOrdinal(pi.Status?.Phase);
        var phaseJ = PhaseOrdinal(pj.Status?.Phase);
        if (phaseI != phaseJ)
        {
            return phaseI < phaseJ;
        }
        var readyI = PodStates.IsReady(pi);
        var readyJ = PodStates.IsReady(pj);
        if (readyI != readyJ)
        {
            return !readyI;
        }
        var costI = DeletionCost(pi);
        var costJ = DeletionCost(pj);
        if (costI != costJ)
        {
            return costI < costJ;
        }
        if (a.Rank != b.Rank)
        {
            return a.Rank > b.Rank;
        }
        if (readyI && readyJ)
        {
            var t1 = PodStates.ReadyTime(pi);
            var t2 = PodStates.ReadyTime(pj);
            if (t1 != t2)
            {
                if (t1 is null || t2 is null)
                {
                    return t1 is null;
                }
                var diff = LogarithmicRankDiff(t1.Value, t2.Value, now);
                return diff == 0 ? string.CompareOrdinal(pi.Metadata.Uid, pj.Metadata.Uid) < 0 : diff < 0;
            }
        }
        var (regularI, sidecarI) = MaxRestarts(pi);
        var (regularJ, sidecarJ) = MaxRestarts(pj);
        if (regularI != regularJ)
        {
            return regularI > regularJ;
        }
        if (sidecarI != sidecarJ)
        {
            return sidecarI > sidecarJ;
        }
        var c1 = pi.Metadata.CreationTimestamp;
        var c2 = pj.Metadata.CreationTimestamp;
        if (c1 != c2)
        {
            if (c1 is null || c2 is null)
            {
                return c1 is null;
            }
            var diff = LogarithmicRankDiff(c1.Value, c2.Value, now);
            return diff == 0 ? string.CompareOrdinal(pi.Metadata.Uid, pj.Metadata.Uid) < 0 : diff < 0;
        }
        return false;
    }

    // logarithmicRankDiff: floor(log2) of each age in nanoseconds; a younger pod has the smaller rank.
    private static long LogarithmicRankDiff(DateTimeOffset t1, DateTimeOffset t2, DateTimeOffset now)
    {
        static long Rank(TimeSpan age) => age > TimeSpan.Zero ? (long)Math.Log2(age.Ticks * 100.0) : -1;
        return Rank(now - t1) - Rank(now - t2);
    }

    private static int PhaseOrdinal(string? phase) => phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int DeletionCost(Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue(DeletionCostAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;

    private static (int Regular, int Sidecar) MaxRestarts(Pod pod)
    {
        var regular = pod.Status?.ContainerStatuses?.Select(s => s.RestartCount).DefaultIfEmpty(0).Max() ?? 0;
        var sidecars = (pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var sidecar = pod.Status?.InitContainerStatuses?.Where(s => sidecars.Contains(s.Name)).Select(s => s.RestartCount).DefaultIfEmpty(0).Max() ?? 0;
        return (regular, sidecar);
    }
}
