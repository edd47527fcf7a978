using Stowage.Api.Core;
using Stowage.Api.Storage;

namespace Stowage.Api.Validation;

/// <summary>
/// Kubernetes' ValidateNodeSelector / ValidateNodeSelectorTerm / ValidateNodeSelectorRequirement /
/// ValidateNodeFieldSelectorRequirement (a PV's spec.nodeAffinity.required) and
/// ValidateTopologySelectorTerm (a StorageClass's allowedTopologies).
/// </summary>
internal static class NodeSelectorRules
{
    // The labels Kubernetes lets a PV's node affinity move from beta to GA (betaToGALabel).
    private static readonly Dictionary<string, string> BetaToGaLabel = new(StringComparer.Ordinal)
    {
        ["failure-domain.beta.kubernetes.io/zone"] = "topology.kubernetes.io/zone",
        ["failure-domain.beta.kubernetes.io/region"] = "topology.kubernetes.io/region",
        ["beta.kubernetes.io/os"] = "kubernetes.io/os",
        ["beta.kubernetes.io/arch"] = "kubernetes.io/arch",
        ["beta.kubernetes.io/instance-type"] = "node.kubernetes.io/instance-type",
    };

    /// <summary>validateVolumeNodeAffinity: returns whether affinity was given, and its errors.</summary>
    public static (bool Specified, List<FieldError> Errors) ValidateVolumeNodeAffinity(
        VolumeNodeAffinity? affinity, bool allowInvalidLabelValue, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (affinity is null)
        {
            return (false, errs);
        }
        if (affinity.Required is null)
        {
            errs.Add(FieldErrors.Required(path.Child("required"), "must specify required node constraints"));
        }
        else
        {
            errs.AddRange(ValidateNodeSelector(affinity.Required, allowInvalidLabelValue, path.Child("required")));
        }
        return (true, errs);
    }

    public static IEnumerable<FieldError> ValidateNodeSelector(NodeSelector selector, bool allowInvalidLabelValue, FieldPath path)
    {
        var termsPath = path.Child("nodeSelectorTerms");
        var terms = selector.NodeSelectorTerms ?? [];
        if (terms.Count == 0)
        {
            yield return FieldErrors.Required(termsPath, "must have at least one node selector term");
            yield break;
        }
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            var expressions = term.MatchExpressions ?? [];
            for (var j = 0; j < expressions.Count; j++)
            {
                foreach (var e in ValidateRequirement(expressions[j], allowInvalidLabelValue, termsPath.Index(i).Child("matchExpressions").Index(j)))
                {
                    yield return e;
                }
            }
            var fields = term.MatchFields ?? [];
            for (var j = 0; j < fields.Count; j++)
            {
                foreach (var e in ValidateFieldRequirement(fields[j], termsPath.Index(i).Child("matchFields").Index(j)))
                {
                    yield return e;
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidateRequirement(NodeSelectorRequirement r, bool allowInvalidLabelValue, FieldPath path)
    {
        var values = r.Values ?? [];
        switch (r.Operator)
        {
            case "In" or "NotIn":
                if (values.Count == 0)
                {
                    yield return FieldErrors.Required(path.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
                break;
            case "Exists" or "DoesNotExist":
                if (values.Count > 0)
                {
                    yield return FieldErrors.Forbidden(path.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
                break;
            case "Gt" or "Lt":
                if (values.Count != 1)
                {
                    yield return FieldErrors.Required(path.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'");
                }
                break;
            default:
                yield return FieldErrors.Invalid(path.Child("operator"), r.Operator, ValidationMessages.NotValidSelectorOperator);
                break;
        }
        foreach (var e in ValidationPrimitives.ValidateQualifiedName(r.Key, path.Child("key")))
        {
            yield return e;
        }
        if (!allowInvalidLabelValue)
        {
            for (var i = 0; i < values.Count; i++)
            {
                foreach (var m in ValidationPrimitives.IsValidLabelValue(values[i]))
                {
                    yield return FieldErrors.Invalid(path.Child("values").Index(i), values[i], m);
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidateFieldRequirement(NodeSelectorRequirement r, FieldPath path)
    {
        var values = r.Values ?? [];
        if (r.Operator is "In" or "NotIn")
        {
            if (values.Count != 1)
            {
                yield return FieldErrors.Required(path.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
            }
        }
        else
        {
            yield return FieldErrors.Invalid(path.Child("operator"), r.Operator, ValidationMessages.NotValidSelectorOperator);
        }
        if (r.Key != "metadata.name")
        {
            yield return FieldErrors.Invalid(path.Child("key"), r.Key, "not a valid field selector key");
        }
        else
        {
            for (var i = 0; i < values.Count; i++)
            {
                foreach (var m in ValidationPrimitives.NameIsDnsSubdomain(values[i], false))
                {
                    yield return FieldErrors.Invalid(path.Child("values").Index(i), values[i], m);
                }
            }
        }
    }

    /// <summary>helper.HasInvalidLabelValueInNodeSelectorTerms (grandfathers old PVs).</summary>
    public static bool HasInvalidLabelValue(VolumeNodeAffinity? affinity) =>
        (affinity?.Required?.NodeSelectorTerms ?? [])
            .SelectMany(t => t.MatchExpressions ?? [])
            .SelectMany(r => r.Values ?? [])
            .Any(v => ValidationPrimitives.IsValidLabelValue(v).Count > 0);

    /// <summary>
    /// Semantic equality of two volume node affinities, except that a requirement's key may move
    /// from a beta label to its GA label (validatePvNodeAffinity). nil and empty lists are equal.
    /// </summary>
    public static bool EqualAllowingBetaToGa(VolumeNodeAffinity? newAffinity, VolumeNodeAffinity? oldAffinity)
    {
        if (newAffinity is null || oldAffinity is null)
        {
            return newAffinity is null && oldAffinity is null;
        }
        var n = newAffinity.Required;
        var o = oldAffinity.Required;
        if (n is null || o is null)
        {
            return n is null && o is null;
        }
        var nt = n.NodeSelectorTerms ?? [];
        var ot = o.NodeSelectorTerms ?? [];
        return nt.Count == ot.Count && nt.Zip(ot).All(p =>
            RequirementsEqual(p.First.MatchExpressions, p.Second.MatchExpressions) &&
            RequirementsEqual(p.First.MatchFields, p.Second.MatchFields));
    }

    private static bool RequirementsEqual(IReadOnlyList<NodeSelectorRequirement>? a, IReadOnlyList<NodeSelectorRequirement>? b)
    {
        var x = a ?? [];
        var y = b ?? [];
        return x.Count == y.Count && x.Zip(y).All(p =>
            (p.First.Key == p.Second.Key || (BetaToGaLabel.TryGetValue(p.Second.Key, out var ga) && ga == p.First.Key)) &&
            p.First.Operator == p.Second.Operator &&
            (p.First.Values ?? []).SequenceEqual(p.Second.Values ?? [], StringComparer.Ordinal));
    }

    /// <summary>validateAllowedTopologies of a StorageClass.</summary>
    public static IEnumerable<FieldError> ValidateAllowedTopologies(IReadOnlyList<TopologySelectorTerm>? topologies, FieldPath path)
    {
        if (topologies is null)
        {
            yield break;
        }
        var seen = new List<Dictionary<string, HashSet<string>>>();
        for (var i = 0; i < topologies.Count; i++)
        {
            var exprPath = path.Index(i).Child("matchLabelExpressions");
            var exprMap = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var requirements = topologies[i].MatchLabelExpressions ?? [];
            for (var j = 0; j < requirements.Count; j++)
            {
                var rq = requirements[j];
                var idx = exprPath.Index(j);
                var valuesPath = idx.Child("values");
                var values = rq.Values ?? [];
                if (values.Count == 0)
                {
                    yield return FieldErrors.Required(valuesPath);
                }
                var valueSet = new HashSet<string>(StringComparer.Ordinal);
                for (var k = 0; k < values.Count; k++)
                {
                    if (!valueSet.Add(values[k]))
                    {
                        yield return FieldErrors.Duplicate(valuesPath.Index(k), values[k]);
                    }
                }
                foreach (var e in ValidationPrimitives.ValidateQualifiedName(rq.Key, idx.Child("key")))
                {
                    yield return e;
                }
                if (exprMap.ContainsKey(rq.Key))
                {
                    yield return FieldErrors.Duplicate(idx.Child("key"), rq.Key);
                }
                exprMap[rq.Key] = valueSet;
            }
            if (seen.Any(s => s.Count == exprMap.Count && s.All(kv => exprMap.TryGetValue(kv.Key, out var v) && v.SetEquals(kv.Value))))
            {
                yield return FieldErrors.Duplicate(exprPath, "");
            }
            seen.Add(exprMap);
        }
    }
}
