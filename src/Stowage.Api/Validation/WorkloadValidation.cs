using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stowage.Api.Apps;
using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;

namespace Stowage.Api.Validation;

/// <summary>
/// Validation of the workloads as kube-apiserver 1.32 runs it: ValidateReplicationController
/// (core), ValidateReplicaSet and ValidateDeployment (apps), their updates (apps/v1 selectors are
/// immutable) and their status writes, with Kubernetes' texts and field paths. The pod template is
/// checked by the pod spec rules that pods use.
/// </summary>
public static partial class WorkloadValidation
{
    private const string NotNegative = "must be greater than or equal to 0";
    private const string GreaterThanReplicas = "cannot be greater than status.replicas";
    private const string GreaterThanReady = "cannot be greater than readyReplicas";

    /// <summary>A replication controller on create.</summary>
    public static IReadOnlyList<FieldError> Validate(ReplicationController rc)
    {
        ArgumentNullException.ThrowIfNull(rc);
        var errs = ObjectMetaValidation.ValidateObjectMeta(rc.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var spec = rc.Spec ?? new ReplicationControllerSpec();
        var path = FieldPath.Root("spec");
        errs.AddRange(NonNegative(spec.MinReadySeconds, path.Child("minReadySeconds")));
        if (spec.Selector is not { Count: > 0 })
        {
            errs.Add(FieldErrors.Required(path.Child("selector")));
        }
        errs.AddRange(NonNegative(spec.Replicas ?? 0, path.Child("replicas")));
        var templatePath = path.Child("template");
        if (spec.Template is null)
        {
            errs.Add(FieldErrors.Required(templatePath));
            return errs;
        }
        if (spec.Selector is { Count: > 0 } selector && !Selector.FromSet(selector).Matches(spec.Template.Metadata?.Labels))
        {
            errs.Add(TemplateLabelsMismatch(spec.Template, templatePath));
        }
        errs.AddRange(ValidatePodTemplateSpec(spec.Template, templatePath));
        errs.AddRange(RestartPolicyAlways(spec.Template, templatePath));
        if (spec.Template.Spec?.ActiveDeadlineSeconds is not null)
        {
            errs.Add(FieldErrors.Forbidden(templatePath.Child("spec").Child("activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicationController is not Supported"));
        }
        return errs;
    }

    /// <summary>A replication controller on update (its selector may change).</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(ReplicationController rc, ReplicationController old)
    {
        ArgumentNullException.ThrowIfNull(rc);
        ArgumentNullException.ThrowIfNull(old);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(rc.Metadata, old.Metadata).ToList();
        errs.AddRange(Validate(rc).Where(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal)));
        return errs;
    }

    /// <summary>A status write of a replication controller.</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(ReplicationController rc, ReplicationController old)
    {
        ArgumentNullException.ThrowIfNull(rc);
        ArgumentNullException.ThrowIfNull(old);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(rc.Metadata, old.Metadata).ToList();
        var s = rc.Status ?? new ReplicationControllerStatus();
        errs.AddRange(ReplicaCounts(s.Replicas, s.FullyLabeledReplicas, s.ReadyReplicas, s.AvailableReplicas, s.ObservedGeneration));
        return errs;
    }

    /// <summary>A replica set on create.</summary>
    public static IReadOnlyList<FieldError> Validate(ReplicaSet rs)
    {
        ArgumentNullException.ThrowIfNull(rs);
        var errs = ObjectMetaValidation.ValidateObjectMeta(rs.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var spec = rs.Spec ?? new ReplicaSetSpec();
        var path = FieldPath.Root("spec");
        errs.AddRange(NonNegative(spec.Replicas ?? 0, path.Child("replicas")));
        errs.AddRange(NonNegative(spec.MinReadySeconds, path.Child("minReadySeconds")));
        errs.AddRange(SelectorAndTemplate(spec.Selector, spec.Template, path, "ReplicaSet"));
        return errs;
    }

    /// <summary>A replica set on update: as on create, and the selector is immutable.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(ReplicaSet rs, ReplicaSet old)
    {
        ArgumentNullException.ThrowIfNull(rs);
        ArgumentNullException.ThrowIfNull(old);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(rs.Metadata, old.Metadata).ToList();
        errs.AddRange(Validate(rs).Where(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal)));
        errs.AddRange(ImmutableSelector(rs.Spec?.Selector, old.Spec?.Selector));
        return errs;
    }

    /// <summary>A status write of a replica set.</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(ReplicaSet rs, ReplicaSet old)
    {
        ArgumentNullException.ThrowIfNull(rs);
        ArgumentNullException.ThrowIfNull(old);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(rs.Metadata, old.Metadata).ToList();
        var s = rs.Status ?? new ReplicaSetStatus();
        errs.AddRange(ReplicaCounts(s.Replicas, s.FullyLabeledReplicas, s.ReadyReplicas, s.AvailableReplicas, s.ObservedGeneration));
        return errs;
    }

    /// <summary>A deployment on create.</summary>
    public static IReadOnlyList<FieldError> Validate(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var errs = ObjectMetaValidation.ValidateObjectMeta(deployment.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var spec = deployment.Spec ?? new DeploymentSpec();
        var path = FieldPath.Root("spec");
        errs.AddRange(NonNegative(spec.Replicas ?? 0, path.Child("replicas")));
        errs.AddRange(SelectorAndTemplate(spec.Selector, spec.Template, path, "Deployment"));
        errs.AddRange(Strategy(spec.Strategy ?? new DeploymentStrategy(), path.Child("strategy")));
        errs.AddRange(NonNegative(spec.MinReadySeconds, path.Child("minReadySeconds")));
        if (spec.RevisionHistoryLimit is { } limit)
        {
            errs.AddRange(NonNegative(limit, path.Child("revisionHistoryLimit")));
        }
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            errs.AddRange(NonNegative(deadline, path.Child("progressDeadlineSeconds")));
            if (deadline <= spec.MinReadySeconds)
            {
                errs.Add(FieldErrors.Invalid(path.Child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    /// <summary>A deployment on update: as on create, and the selector is immutable.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Deployment deployment, Deployment old)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(old);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(deployment.Metadata, old.Metadata).ToList();
        errs.AddRange(Validate(deployment).Where(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal)));
        errs.AddRange(ImmutableSelector(deployment.Spec?.Selector, old.Spec?.Selector));
        return errs;
    }

    /// <summary>A status write of a deployment (ValidateDeploymentStatus).</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(Deployment deployment, Deployment old)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(old);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(deployment.Metadata, old.Metadata).ToList();
        var s = deployment.Status ?? new DeploymentStatus();
        var path = FieldPath.Root("status");
        errs.AddRange(NonNegative(s.ObservedGeneration, path.Child("observedGeneration")));
        errs.AddRange(NonNegative(s.Replicas, path.Child("replicas")));
        errs.AddRange(NonNegative(s.UpdatedReplicas, path.Child("updatedReplicas")));
        errs.AddRange(NonNegative(s.ReadyReplicas, path.Child("readyReplicas")));
        errs.AddRange(NonNegative(s.AvailableReplicas, path.Child("availableReplicas")));
        errs.AddRange(NonNegative(s.UnavailableReplicas, path.Child("unavailableReplicas")));
        if (s.CollisionCount is { } collisions)
        {
            errs.AddRange(NonNegative(collisions, path.Child("collisionCount")));
        }
        if (s.UpdatedReplicas > s.Replicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("updatedReplicas"), s.UpdatedReplicas, GreaterThanReplicas));
        }
        if (s.ReadyReplicas > s.Replicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("readyReplicas"), s.ReadyReplicas, GreaterThanReplicas));
        }
        if (s.AvailableReplicas > s.Replicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("availableReplicas"), s.AvailableReplicas, GreaterThanReplicas));
        }
        if (s.AvailableReplicas > s.ReadyReplicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("availableReplicas"), s.AvailableReplicas, GreaterThanReady));
        }
        return errs;
    }

    /// <summary>ValidateScale: spec.replicas must not be negative.</summary>
    public static IReadOnlyList<FieldError> ValidateScaleReplicas(int replicas) =>
        NonNegative(replicas, FieldPath.Root("spec").Child("replicas")).ToList();

    /// <summary>ValidatePodTemplateSpec: labels, annotations, the pod spec, no ephemeral containers.</summary>
    internal static IEnumerable<FieldError> ValidatePodTemplateSpec(PodTemplateSpec template, FieldPath path)
    {
        var spec = template.Spec ?? new PodSpec();
        var errs = new List<FieldError>();
        errs.AddRange(ValidationPrimitives.ValidateLabels(template.Metadata?.Labels, path.Child("labels")));
        errs.AddRange(ValidationPrimitives.ValidateAnnotations(template.Metadata?.Annotations, path.Child("annotations")));
        errs.AddRange(PodSpecRules.Annotations(template.Metadata?.Annotations, spec, path.Child("annotations")));
        errs.AddRange(PodSpecRules.Validate(spec, null, path.Child("spec")));
        if (spec.EphemeralContainers is { Count: > 0 })
        {
            errs.Add(FieldErrors.Forbidden(path.Child("spec").Child("ephemeralContainers"), "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    // The apps/v1 selector rules (ValidateDeploymentSpec / ValidateReplicaSetSpec) and
    // ValidatePodTemplateSpecForReplicaSet. Kubernetes says "for deployment" for replica sets too.
    private static List<FieldError> SelectorAndTemplate(LabelSelector? selector, PodTemplateSpec? template, FieldPath path, string kind)
    {
        var errs = new List<FieldError>();
        var selectorPath = path.Child("selector");
        if (selector is null)
        {
            errs.Add(FieldErrors.Required(selectorPath));
        }
        else
        {
            errs.AddRange(LabelSelectorRules.Validate(selector, false, selectorPath));
            if ((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0)
            {
                errs.Add(new FieldError(FieldErrorType.Invalid, selectorPath.Text, GoSelector(selector), "empty selector is invalid for deployment") { QuoteBadValue = false });
            }
        }
        if (!Selector.TryFromLabelSelector(selector, out var parsed, out _))
        {
            errs.Add(new FieldError(FieldErrorType.Invalid, selectorPath.Text, GoSelector(selector), "invalid label selector") { QuoteBadValue = false });
            return errs;
        }
        var templatePath = path.Child("template");
        template ??= new PodTemplateSpec();
        if (!parsed.IsEmpty && !parsed.MatchesNothing && !parsed.Matches(template.Metadata?.Labels))
        {
            errs.Add(TemplateLabelsMismatch(template, templatePath));
        }
        errs.AddRange(ValidatePodTemplateSpec(template, templatePath));
        errs.AddRange(RestartPolicyAlways(template, templatePath));
        if (template.Spec?.ActiveDeadlineSeconds is { } deadline)
        {
            errs.Add(FieldErrors.Invalid(templatePath.Child("spec").Child("activeDeadlineSeconds"), deadline, $"activeDeadlineSeconds in {kind} is not Supported"));
        }
        return errs;
    }

    private static IEnumerable<FieldError> RestartPolicyAlways(PodTemplateSpec template, FieldPath path)
    {
        var policy = template.Spec?.RestartPolicy ?? "";
        if (policy != "Always")
        {
            yield return FieldErrors.NotSupported(path.Child("spec").Child("restartPolicy"), policy, ["Always"]);
        }
    }

    private static FieldError TemplateLabelsMismatch(PodTemplateSpec template, FieldPath path) =>
        new(FieldErrorType.Invalid, path.Child("metadata").Child("labels").Text, GoStringMap(template.Metadata?.Labels), "`selector` does not match template `labels`")
        {
            QuoteBadValue = false,
        };

    private static IEnumerable<FieldError> ImmutableSelector(LabelSelector? selector, LabelSelector? old)
    {
        if (GoSelector(selector) != GoSelector(old))
        {
            yield return new FieldError(FieldErrorType.Invalid, "spec.selector", GoSelector(selector), ValidationMessages.FieldImmutable) { QuoteBadValue = false };
        }
    }

    private static IEnumerable<FieldError> Strategy(DeploymentStrategy strategy, FieldPath path)
    {
        switch (strategy.Type)
        {
            case "Recreate":
                if (strategy.RollingUpdate is not null)
                {
                    yield return FieldErrors.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
                }
                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is null)
                {
                    yield return FieldErrors.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil");
                    break;
                }
                foreach (var e in RollingUpdate(strategy.RollingUpdate, path.Child("rollingUpdate")))
                {
                    yield return e;
                }
                break;
            default:
                var value = $"apps.DeploymentStrategy{{Type:{GoText.Quote(strategy.Type ?? "")}, RollingUpdate:(*apps.RollingUpdateDeployment)({(strategy.RollingUpdate is null ? "nil" : "0xc000000000")})}}";
                yield return FieldErrors.NotSupported(path, value, ["Recreate", "RollingUpdate"]) with { QuoteBadValue = false };
                break;
        }
    }

    private static IEnumerable<FieldError> RollingUpdate(RollingUpdateDeployment rolling, FieldPath path)
    {
        var maxUnavailable = rolling.MaxUnavailable ?? default;
        var maxSurge = rolling.MaxSurge ?? default;
        foreach (var e in PositiveIntOrPercent(maxUnavailable, path.Child("maxUnavailable")))
        {
            yield return e;
        }
        foreach (var e in PositiveIntOrPercent(maxSurge, path.Child("maxSurge")))
        {
            yield return e;
        }
        if (IntOrPercentValue(maxUnavailable) == 0 && IntOrPercentValue(maxSurge) == 0)
        {
            yield return IntOrStringInvalid(path.Child("maxUnavailable"), maxUnavailable, "may not be 0 when `maxSurge` is 0");
        }
        if (PercentValue(maxUnavailable) is > 100)
        {
            yield return IntOrStringInvalid(path.Child("maxUnavailable"), maxUnavailable, "must not be greater than 100%");
        }
    }

    private static IEnumerable<FieldError> PositiveIntOrPercent(IntOrString value, FieldPath path)
    {
        if (value.Type == IntOrStringType.String)
        {
            if (!PercentPattern().IsMatch(value.StringValue))
            {
                yield return IntOrStringInvalid(path, value, ValidationPrimitives.RegexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"));
            }
        }
        else if (value.IntValue < 0)
        {
            yield return FieldErrors.Invalid(path, value.IntValue, NotNegative);
        }
    }

    private static int? PercentValue(IntOrString value) =>
        value.Type == IntOrStringType.String && PercentPattern().IsMatch(value.StringValue)
            && int.TryParse(value.StringValue[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
            ? percent
            : null;

    // getIntOrPercentValue: the percentage, else IntValue() (Atoi of a string, 0 when it is not a number).
    private static int IntOrPercentValue(IntOrString value) =>
        PercentValue(value) ?? (value.Type == IntOrStringType.Int ? value.IntValue
            : int.TryParse(value.StringValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0);

    private static FieldError IntOrStringInvalid(FieldPath path, IntOrString value, string detail) =>
        new(FieldErrorType.Invalid, path.Text, GoIntOrString(value), detail) { QuoteBadValue = false };

    private static IEnumerable<FieldError> ReplicaCounts(int replicas, int fullyLabeled, int ready, int available, long observedGeneration)
    {
        var path = FieldPath.Root("status");
        var errs = new List<FieldError>();
        errs.AddRange(NonNegative(replicas, path.Child("replicas")));
        errs.AddRange(NonNegative(fullyLabeled, path.Child("fullyLabeledReplicas")));
        errs.AddRange(NonNegative(ready, path.Child("readyReplicas")));
        errs.AddRange(NonNegative(available, path.Child("availableReplicas")));
        errs.AddRange(NonNegative(observedGeneration, path.Child("observedGeneration")));
        if (fullyLabeled > replicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("fullyLabeledReplicas"), fullyLabeled, GreaterThanReplicas));
        }
        if (ready > replicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("readyReplicas"), ready, GreaterThanReplicas));
        }
        if (available > replicas)
        {
            errs.Add(FieldErrors.Invalid(path.Child("availableReplicas"), available, GreaterThanReplicas));
        }
        if (available > ready)
        {
            errs.Add(FieldErrors.Invalid(path.Child("availableReplicas"), available, GreaterThanReady));
        }
        return errs;
    }

    private static IEnumerable<FieldError> NonNegative(long value, FieldPath path)
    {
        if (value < 0)
        {
            yield return FieldErrors.Invalid(path, value, NotNegative);
        }
    }

    /// <summary>%#v of an intstr.IntOrString.</summary>
    internal static string GoIntOrString(IntOrString value) =>
        value.Type == IntOrStringType.String
            ? "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + GoText.Quote(value.StringValue) + "}"
            : "intstr.IntOrString{Type:0, IntVal:" + value.IntValue.ToString(CultureInfo.InvariantCulture) + ", StrVal:\"\"}";

    /// <summary>%#v of a map[string]string (Go prints maps with sorted keys).</summary>
    internal static string GoStringMap(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return "map[string]string(nil)";
        }
        var sb = new StringBuilder("map[string]string{");
        var first = true;
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(first ? "" : ", ").Append(GoText.Quote(k)).Append(':').Append(GoText.Quote(v));
            first = false;
        }
        return sb.Append('}').ToString();
    }

    /// <summary>%#v of a metav1.LabelSelector (a nil pointer prints as "null").</summary>
    internal static string GoSelector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return "null";
        }
        var expressions = selector.MatchExpressions is null
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", selector.MatchExpressions.Select(r =>
                $"v1.LabelSelectorRequirement{{Key:{GoText.Quote(r.Key)}, Operator:{GoText.Quote(r.Operator)}, Values:{GoText.StringSlice(r.Values)}}}")) + "}";
        return $"v1.LabelSelector{{MatchLabels:{GoStringMap(selector.MatchLabels)}, MatchExpressions:{expressions}}}";
    }

    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex PercentPattern();
}
