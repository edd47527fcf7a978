using System.Globalization;
using System.Text.Json;
using Stowage.Api;
using Stowage.Api.Core;

namespace Stowage.Controllers.Scheduling;

/// <summary>
/// The scheduler's filters as pure functions (kube-scheduler's NodeUnschedulable, NodeAffinity,
/// TaintToleration and VolumeBinding/VolumeRestrictions plugins), each answering with Kubernetes'
/// reason text when a node does not fit.
/// </summary>
public static class NodeFit
{
    /// <summary>NodeUnschedulable's reason.</summary>
    public const string Unschedulable = "node(s) were unschedulable";

    /// <summary>NodeAffinity's reason.</summary>
    public const string AffinityMismatch = "node(s) didn't match Pod's node affinity/selector";

    /// <summary>VolumeBinding's reason for a bound volume pinned elsewhere.</summary>
    public const string VolumeNodeConflict = "node(s) had volume node affinity conflict";

    /// <summary>VolumeBinding's pre-filter reason for claims the controller must bind first.</summary>
    public const string UnboundImmediateClaims = "pod has unbound immediate PersistentVolumeClaims";

    /// <summary>VolumeRestrictions' pre-filter reason for a ReadWriteOncePod claim already in use.</summary>
    public const string ReadWriteOncePodConflict = "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";

    /// <summary>The hostname label every node carries.</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>True when the node reports Ready=True.</summary>
    public static bool IsReady(Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Why <paramref name="node"/> cannot run <paramref name="pod"/>, or null when it can (claims aside).</summary>
    public static string? Check(Pod pod, Node node)
    {
        var tolerations = pod.Spec?.Tolerations ?? [];
        if (!IsReady(node) && !Tolerates(tolerations, new Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoSchedule" }))
        {
            return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
        }
        if (node.Spec?.Unschedulable == true && !Tolerates(tolerations, new Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }))
        {
            return Unschedulable;
        }
        if (!MatchesSelectorAndAffinity(pod, node))
        {
            return AffinityMismatch;
        }
        foreach (var taint in node.Spec?.Taints ?? [])
        {
            if (taint.Effect is "NoSchedule" or "NoExecute" && !Tolerates(tolerations, taint))
            {
                return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
            }
        }
        return null;
    }

    /// <summary>nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity.</summary>
    public static bool MatchesSelectorAndAffinity(Pod pod, Node node)
    {
        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        foreach (var (key, value) in pod.Spec?.NodeSelector ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        if (pod.Spec?.Affinity?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"] is { } required)
        {
            var selector = required.Deserialize(ApiJsonContext.Default.NodeSelector);
            if (selector is not null && !Matches(selector, node))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A node selector (terms ORed, requirements ANDed) against a node's labels and name.</summary>
    public static bool Matches(NodeSelector selector, Node node)
    {
        var terms = selector.NodeSelectorTerms ?? [];
        return terms.Count > 0 && terms.Any(t => Matches(t, node));
    }

    private static bool Matches(NodeSelectorTerm term, Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false; // an empty term matches nothing
        }
        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        var nodeFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = node.Metadata.Name ?? "" };
        return expressions.All(r => Matches(r, labels)) && fields.All(r => Matches(r, nodeFields));
    }

    private static bool Matches(NodeSelectorRequirement r, IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(r.Key, out var value);
        var values = r.Values ?? [];
        return r.Operator switch
        {
            "In" => has && values.Contains(value!),
            "NotIn" => !has || !values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && values.Count == 1
                && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var gt) && v > gt,
            "Lt" => has && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && values.Count == 1
                && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var lt) && w < lt,
            _ => false,
        };
    }

    /// <summary>Kubernetes' Toleration.ToleratesTaint.</summary>
    public static bool Tolerates(IEnumerable<Toleration> tolerations, Taint taint) => tolerations.Any(t =>
        (string.IsNullOrEmpty(t.Effect) || t.Effect == taint.Effect)
        && (string.IsNullOrEmpty(t.Key) ? t.Operator == "Exists" : t.Key == taint.Key)
        && (t.Operator is "Exists" || (t.Value ?? "") == (taint.Value ?? "")));

    /// <summary>
    /// Kubernetes' FitError text: <c>0/2 nodes are available: 1 node(s) didn't match ..., 1 node(s) were
    /// unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.</c>
    /// </summary>
    public static string FitError(int nodeCount, IReadOnlyDictionary<string, int> reasons)
    {
        if (nodeCount == 0)
        {
            return "no nodes available to schedule pods";
        }
        var parts = reasons.Select(r => r.Key.StartsWith("pod ", StringComparison.Ordinal) || r.Key.StartsWith("persistentvolumeclaim ", StringComparison.Ordinal)
                ? r.Key
                : $"{r.Value.ToString(CultureInfo.InvariantCulture)} {r.Key}")
            .Order(StringComparer.Ordinal);
        return $"0/{nodeCount.ToString(CultureInfo.InvariantCulture)} nodes are available: {string.Join(", ", parts)}. "
            + $"preemption: 0/{nodeCount.ToString(CultureInfo.InvariantCulture)} nodes are available: {nodeCount.ToString(CultureInfo.InvariantCulture)} Preemption is not helpful for scheduling.";
    }
}
