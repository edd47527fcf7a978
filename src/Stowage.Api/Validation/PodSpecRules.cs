using System.Globalization;
using System.Text.Json.Nodes;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// ValidatePodSpec as kube-apiserver 1.32 runs it for a Pod (ResourceIsPod), in its order. Affinity,
/// security contexts and topology spread are kept as JSON and not checked beyond their shape.
/// </summary>
internal static class PodSpecRules
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] PreemptionPolicies = ["PreemptLowerPriority", "Never"];
    private static readonly string[] TolerationOperators = ["Equal", "Exists"];

    /// <summary>The taint effects (validateTaintEffect), in Kubernetes' order.</summary>
    public static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static List<FieldError> Validate(PodSpec spec, string? podName, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (spec.TerminationGracePeriodSeconds is null)
        {
            errs.Add(FieldErrors.Required(path.Child("terminationGracePeriodSeconds")));
        }
        var grace = spec.TerminationGracePeriodSeconds;
        var (volumes, volumeErrors) = PodVolumeRules.Validate(spec.Volumes, podName, path.Child("volumes"));
        errs.AddRange(volumeErrors);
        errs.AddRange(ContainerRules.Containers(spec.Containers, volumes, grace, path.Child("containers")));
        errs.AddRange(ContainerRules.InitContainers(spec.InitContainers, spec.Containers, volumes, grace, path.Child("initContainers")));
        errs.AddRange(HostNetworkPorts(spec, path));
        errs.AddRange(OneOf(spec.RestartPolicy, RestartPolicies, path.Child("restartPolicy")));
        errs.AddRange(OneOf(spec.DnsPolicy, DnsPolicies, path.Child("dnsPolicy")));
        errs.AddRange(ValidationPrimitives.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector")));
        errs.AddRange(DnsConfig(spec, path.Child("dnsConfig")));
        for (var i = 0; i < (spec.ReadinessGates?.Count ?? 0); i++)
        {
            errs.AddRange(ValidationPrimitives.ValidateQualifiedName(spec.ReadinessGates![i].ConditionType, path.Child("readinessGates").Index(i).Child("conditionType")));
        }
        if (!string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.ServiceAccountName, false)
                .Select(m => FieldErrors.Invalid(path.Child("serviceAccountName"), spec.ServiceAccountName, m)));
        }
        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.NodeName, false)
                .Select(m => FieldErrors.Invalid(path.Child("nodeName"), spec.NodeName, m)));
        }
        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errs.Add(FieldErrors.Invalid(path.Child("activeDeadlineSeconds"), deadline, ValidationPrimitives.InclusiveRangeError(1, int.MaxValue)));
        }
        if (!string.IsNullOrEmpty(spec.Hostname))
        {
            errs.AddRange(ValidationPrimitives.ValidateDns1123Label(spec.Hostname, path.Child("hostname")));
        }
        if (!string.IsNullOrEmpty(spec.Subdomain))
        {
            errs.AddRange(ValidationPrimitives.ValidateDns1123Label(spec.Subdomain, path.Child("subdomain")));
        }
        errs.AddRange(Tolerations(spec.Tolerations, path.Child("tolerations")));
        if (!string.IsNullOrEmpty(spec.PriorityClassName))
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.PriorityClassName, false)
                .Select(m => FieldErrors.Invalid(path.Child("priorityClassName"), spec.PriorityClassName, m)));
        }
        if (spec.RuntimeClassName is { } runtimeClass)
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(runtimeClass, false)
                .Select(m => FieldErrors.Invalid(path.Child("runtimeClassName"), runtimeClass, m)));
        }
        if (spec.PreemptionPolicy is { } preemption)
        {
            errs.AddRange(OneOf(preemption, PreemptionPolicies, path.Child("preemptionPolicy")));
        }
        if (spec.Overhead is not null)
        {
            errs.AddRange(ResourceRules.Requirements(spec.Overhead, null, path.Child("overhead")));
        }
        return errs;
    }

    // Required when empty, NotSupported (values in the order given) when unknown.
    private static IEnumerable<FieldError> OneOf(string? value, string[] supported, FieldPath path)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return FieldErrors.Required(path);
        }
        else if (!supported.Contains(value, StringComparer.Ordinal))
        {
            yield return FieldErrors.NotSupported(path, value, supported);
        }
    }

    // validatePodHostNetworkDeps for a Pod: with hostNetwork every hostPort equals its containerPort.
    private static IEnumerable<FieldError> HostNetworkPorts(PodSpec spec, FieldPath path)
    {
        if (spec.HostNetwork != true)
        {
            yield break;
        }
        var containers = spec.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            var ports = containers[i].Ports ?? [];
            for (var j = 0; j < ports.Count; j++)
            {
                if ((ports[j].HostPort ?? 0) != ports[j].Number)
                {
                    yield return FieldErrors.Invalid(path.Child("containers").Index(i).Child("ports").Index(j).Child("hostPort"),
                        ports[j].HostPort ?? 0, "must match `containerPort` when `hostNetwork` is true");
                }
            }
        }
    }

    private static IEnumerable<FieldError> DnsConfig(PodSpec spec, FieldPath path)
    {
        if (spec.DnsPolicy == "None")
        {
            if (spec.DnsConfig is null)
            {
                yield return FieldErrors.Required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
            }
            else if (spec.DnsConfig["nameservers"] is not JsonArray { Count: > 0 })
            {
                yield return FieldErrors.Required(path.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None");
            }
        }
    }

    /// <summary>ValidateTolerations.</summary>
    public static IEnumerable<FieldError> Tolerations(IReadOnlyList<Toleration>? tolerations, FieldPath path)
    {
        for (var i = 0; i < (tolerations?.Count ?? 0); i++)
        {
            var t = tolerations![i];
            var p = path.Index(i);
            var key = t.Key ?? "";
            var op = t.Operator ?? "";
            if (key.Length > 0)
            {
                foreach (var e in ValidationPrimitives.ValidateQualifiedName(key, p.Child("key")))
                {
                    yield return e;
                }
            }
            if (key.Length == 0 && op != "Exists")
            {
                yield return FieldErrors.Invalid(p.Child("operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }
            if (t.TolerationSeconds is not null && t.Effect != "NoExecute")
            {
                yield return FieldErrors.Invalid(p.Child("effect"), t.Effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
            switch (op)
            {
                case "Equal" or "":
                    var messages = ValidationPrimitives.IsValidLabelValue(t.Value ?? "");
                    if (messages.Count > 0)
                    {
                        yield return FieldErrors.Invalid(p.Child("operator"), t.Value ?? "", string.Join(";", messages));
                    }
                    break;
                case "Exists":
                    if (!string.IsNullOrEmpty(t.Value))
                    {
                        yield return FieldErrors.Invalid(p.Child("operator"), t.Value, "value must be empty when `operator` is 'Exists'");
                    }
                    break;
                default:
                    yield return FieldErrors.NotSupported(p.Child("operator"), op, TolerationOperators);
                    break;
            }
            if (!string.IsNullOrEmpty(t.Effect) && !TaintEffects.Contains(t.Effect, StringComparer.Ordinal))
            {
                yield return FieldErrors.NotSupported(p.Child("effect"), t.Effect, TaintEffects);
            }
        }
    }

    /// <summary>validateOnlyAddedTolerations: existing tolerations stay (their tolerationSeconds may change).</summary>
    public static IEnumerable<FieldError> OnlyAddedTolerations(IReadOnlyList<Toleration>? updated, IReadOnlyList<Toleration>? old, FieldPath path)
    {
        foreach (var o in old ?? [])
        {
            if (!(updated ?? []).Any(n => (o with { TolerationSeconds = n.TolerationSeconds }) == n))
            {
                return [FieldErrors.Forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
            }
        }
        return Tolerations(updated, path);
    }

    /// <summary>ValidatePodSpecificAnnotations: the mirror-pod and deletion-cost annotations.</summary>
    public static IEnumerable<FieldError> Annotations(IReadOnlyDictionary<string, string>? annotations, PodSpec spec, FieldPath path)
    {
        if (annotations is null)
        {
            yield break;
        }
        if (annotations.TryGetValue("kubernetes.io/config.mirror", out var mirror) && string.IsNullOrEmpty(spec.NodeName))
        {
            yield return FieldErrors.Invalid(path.Key("kubernetes.io/config.mirror"), mirror, "must set spec.nodeName if mirror pod annotation is set");
        }
        if (annotations.TryGetValue("controller.kubernetes.io/pod-deletion-cost", out var cost)
            && !int.TryParse(cost, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            yield return FieldErrors.Invalid(path.Key("controller.kubernetes.io/pod-deletion-cost"), cost, "must be a 32bit integer");
        }
    }
}
