using System.Text.Json.Nodes;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// Pod validation as kube-apiserver 1.32 runs it: ValidatePodCreate on create, ValidatePodUpdate on
/// update (the spec is immutable but for images, activeDeadlineSeconds, added tolerations and a
/// negative grace period raised to 1), ValidatePodStatusUpdate on the status subresource.
/// </summary>
public static class PodValidation
{
    /// <summary>The fields a pod update may change, in Kubernetes' words.</summary>
    public const string UpdatableFields =
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /// <summary>A pod on create.</summary>
    public static IReadOnlyList<FieldError> Validate(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var errs = MetadataAndSpec(pod);
        var spec = pod.Spec ?? new PodSpec();
        if (spec.EphemeralContainers is { Count: > 0 })
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("ephemeralContainers"), "cannot be set on create"));
        }
        if (!string.IsNullOrEmpty(spec.NodeName) && spec.SchedulingGates is { Count: > 0 })
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
        }
        return errs;
    }

    /// <summary>A pod on update of the main resource.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Pod newPod, Pod oldPod)
    {
        ArgumentNullException.ThrowIfNull(newPod);
        ArgumentNullException.ThrowIfNull(oldPod);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newPod.Metadata, oldPod.Metadata).ToList();
        errs.AddRange(MetadataAndSpec(newPod));
        var newSpec = newPod.Spec ?? new PodSpec();
        var oldSpec = oldPod.Spec ?? new PodSpec();
        var specPath = FieldPath.Root("spec");

        if (ContainerUpdates(newSpec.Containers, oldSpec.Containers, specPath.Child("containers"), errs)
            || ContainerUpdates(newSpec.InitContainers, oldSpec.InitContainers, specPath.Child("initContainers"), errs))
        {
            return errs.Distinct().ToList();
        }

        // activeDeadlineSeconds may be set, or lowered, never raised or removed.
        if (newSpec.ActiveDeadlineSeconds is { } newDeadline)
        {
            if (newDeadline is < 0 or > int.MaxValue)
            {
                errs.Add(FieldErrors.Invalid(specPath.Child("activeDeadlineSeconds"), newDeadline, ValidationPrimitives.InclusiveRangeError(0, int.MaxValue)));
                return errs.Distinct().ToList();
            }
            if (oldSpec.ActiveDeadlineSeconds is { } oldDeadline && oldDeadline < newDeadline)
            {
                errs.Add(FieldErrors.Invalid(specPath.Child("activeDeadlineSeconds"), newDeadline, "must be less than or equal to previous value"));
                return errs.Distinct().ToList();
            }
        }
        else if (oldSpec.ActiveDeadlineSeconds is not null)
        {
            errs.Add(FieldErrors.Invalid(specPath.Child("activeDeadlineSeconds"), null, "must not update from a positive integer to nil value"));
        }
        errs.AddRange(PodSpecRules.OnlyAddedTolerations(newSpec.Tolerations, oldSpec.Tolerations, specPath.Child("tolerations")));
        errs.AddRange(OnlyDeletedSchedulingGates(newSpec.SchedulingGates, oldSpec.SchedulingGates, specPath.Child("schedulingGates")));

        // Everything else must be as it was: compare with the updatable fields taken from the old spec.
        var munged = newSpec with
        {
            Containers = Munge(newSpec.Containers, oldSpec.Containers),
            InitContainers = Munge(newSpec.InitContainers, oldSpec.InitContainers),
            ActiveDeadlineSeconds = oldSpec.ActiveDeadlineSeconds,
            Tolerations = oldSpec.Tolerations,
            SchedulingGates = oldSpec.SchedulingGates,
        };
        if (oldSpec.TerminationGracePeriodSeconds is < 0 && munged.TerminationGracePeriodSeconds == 1)
        {
            munged = munged with { TerminationGracePeriodSeconds = oldSpec.TerminationGracePeriodSeconds };
        }
        if (SemanticJson.Difference(oldSpec, munged, ApiJsonContext.Default.PodSpec) is { } specDiff)
        {
            errs.Add(FieldErrors.Forbidden(specPath, "pod updates may not change fields other than " + UpdatableFields + "\n" + specDiff));
        }
        // Metadata rules run for update and create, as in Kubernetes, which reports each distinct cause once.
        return errs.Distinct().ToList();
    }

    /// <summary>A write to the status subresource.</summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(Pod newPod, Pod oldPod)
    {
        ArgumentNullException.ThrowIfNull(newPod);
        ArgumentNullException.ThrowIfNull(oldPod);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newPod.Metadata, oldPod.Metadata).ToList();
        errs.AddRange(PodSpecRules.Annotations(newPod.Metadata.Annotations, newPod.Spec ?? new PodSpec(), FieldPath.Root("metadata").Child("annotations")));
        var status = newPod.Status ?? new PodStatus();
        var oldStatus = oldPod.Status ?? new PodStatus();
        var system = new[] { "PodScheduled", "Ready", "Initialized" };
        for (var i = 0; i < (status.Conditions?.Count ?? 0); i++)
        {
            var type = status.Conditions![i].Type;
            if (!system.Contains(type, StringComparer.Ordinal))
            {
                // Kubernetes reports these under metadata, with a capital T.
                errs.AddRange(ValidationPrimitives.ValidateQualifiedName(type, FieldPath.Root("metadata").Child("conditions").Index(i).Child("Type")));
            }
        }
        var statusPath = FieldPath.Root("status");
        if ((newPod.Spec?.NodeName ?? "") != (oldPod.Spec?.NodeName ?? ""))
        {
            errs.Add(FieldErrors.Forbidden(statusPath.Child("nodeName"), "may not be changed directly"));
        }
        if (status.NominatedNodeName != oldStatus.NominatedNodeName && !string.IsNullOrEmpty(status.NominatedNodeName))
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(status.NominatedNodeName, false)
                .Select(m => FieldErrors.Invalid(statusPath.Child("nominatedNodeName"), status.NominatedNodeName, m)));
        }
        if ((status.QosClass ?? "") != (oldStatus.QosClass ?? ""))
        {
            errs.Add(FieldErrors.Invalid(statusPath.Child("qosClass"), status.QosClass ?? "", ValidationMessages.FieldImmutable));
        }
        var restart = oldPod.Spec?.RestartPolicy ?? "";
        errs.AddRange(StateTransitions(status.ContainerStatuses, oldStatus.ContainerStatuses, statusPath.Child("containerStatuses"), restart, _ => false));
        var sidecars = (oldPod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        errs.AddRange(StateTransitions(status.InitContainerStatuses, oldStatus.InitContainerStatuses, statusPath.Child("initContainerStatuses"), restart, sidecars.Contains));
        errs.AddRange(StateTransitions(status.EphemeralContainerStatuses, oldStatus.EphemeralContainerStatuses, statusPath.Child("ephemeralContainerStatuses"), "Never", _ => false));
        errs.AddRange(Ips(status.PodIPs?.Select(p => p.Ip).ToList(), statusPath.Child("podIPs"), "PodIP"));
        if (status.HostIPs is { Count: > 0 } hostIps && status.HostIP != hostIps[0].Ip)
        {
            errs.Add(FieldErrors.Invalid(statusPath.Child("hostIPs").Index(0).Child("ip"), hostIps[0].Ip, "must be equal to `hostIP`"));
        }
        errs.AddRange(Ips(status.HostIPs?.Select(p => p.Ip).ToList(), statusPath.Child("hostIPs"), "HostIP"));
        return errs;
    }

    private static List<FieldError> MetadataAndSpec(Pod pod)
    {
        var spec = pod.Spec ?? new PodSpec();
        var errs = ObjectMetaValidation.ValidateObjectMeta(pod.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        errs.AddRange(PodSpecRules.Annotations(pod.Metadata.Annotations, spec, FieldPath.Root("metadata").Child("annotations")));
        errs.AddRange(PodSpecRules.Validate(spec, pod.Metadata.Name, FieldPath.Root("spec")));
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            for (var i = 0; i < (spec.Volumes?.Count ?? 0); i++)
            {
                if (spec.Volumes![i].Projected?["sources"] is JsonArray sources)
                {
                    for (var j = 0; j < sources.Count; j++)
                    {
                        if (sources[j] is JsonObject s && s.ContainsKey("serviceAccountToken"))
                        {
                            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("volumes").Index(i).Child("projected").Child("sources").Index(j).Child("serviceAccountToken"),
                                "must not be specified when serviceAccountName is not set"));
                        }
                    }
                }
            }
        }
        errs.AddRange(ContainerRules.ImageWhitespace(spec.Containers, FieldPath.Root("spec").Child("containers")));
        errs.AddRange(ContainerRules.ImageWhitespace(spec.InitContainers, FieldPath.Root("spec").Child("initContainers")));
        return errs;
    }

    // ValidateContainerUpdates: returns true ("stop") when containers were added or removed.
    private static bool ContainerUpdates(IReadOnlyList<Container>? updated, IReadOnlyList<Container>? old, FieldPath path, List<FieldError> errs)
    {
        if ((updated?.Count ?? 0) != (old?.Count ?? 0))
        {
            errs.Add(FieldErrors.Forbidden(path, "pod updates may not add or remove containers"));
            return true;
        }
        for (var i = 0; i < (updated?.Count ?? 0); i++)
        {
            var image = updated![i].Image ?? "";
            if (image.Length == 0)
            {
                errs.Add(FieldErrors.Required(path.Index(i).Child("image")));
            }
            if (image.Trim().Length != image.Length)
            {
                errs.Add(FieldErrors.Invalid(path.Index(i).Child("image"), image, "must not have leading or trailing whitespace"));
            }
        }
        return false;
    }

    // validateOnlyDeletedSchedulingGates: gates may be removed, never added.
    private static IEnumerable<FieldError> OnlyDeletedSchedulingGates(IReadOnlyList<JsonObject>? updated, IReadOnlyList<JsonObject>? old, FieldPath path)
    {
        static string Name(JsonObject gate) =>
            gate["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        var existing = (old ?? []).Select(Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (updated?.Count ?? 0); i++)
        {
            var name = Name(updated![i]);
            if (!existing.Contains(name))
            {
                yield return FieldErrors.Forbidden(path.Index(i).Child("name"), $"only deletion is allowed, but found new scheduling gate '{name}'");
            }
        }
    }

    private static List<Container>? Munge(IReadOnlyList<Container>? updated, IReadOnlyList<Container>? old) =>
        updated?.Select((c, i) => c with { Image = old![i].Image }).ToList();

    // ValidateContainerStateTransition: unless the pod restarts them, terminated containers stay terminated.
    private static IEnumerable<FieldError> StateTransitions(IReadOnlyList<ContainerStatus>? updated, IReadOnlyList<ContainerStatus>? old,
        FieldPath path, string restartPolicy, Func<string, bool> restartable)
    {
        if (restartPolicy == "Always")
        {
            yield break;
        }
        for (var i = 0; i < (old?.Count ?? 0); i++)
        {
            var o = old![i];
            if (o.State?.Terminated is not { } terminated
                || (terminated.ExitCode != 0 && restartPolicy == "OnFailure")
                || restartable(o.Name))
            {
                continue;
            }
            foreach (var n in updated ?? [])
            {
                if (n.Name == o.Name && n.State?.Terminated is null)
                {
                    yield return FieldErrors.Forbidden(path.Index(i).Child("state"), "may not be transitioned to non-terminated state");
                }
            }
        }
    }

    // validatePodIPs / validateHostIPs: valid addresses, at most one per family, no duplicates.
    private static IEnumerable<FieldError> Ips(IReadOnlyList<string>? ips, FieldPath path, string type)
    {
        if (ips is null)
        {
            yield break;
        }
        for (var i = 0; i < ips.Count; i++)
        {
            if (IpAddressText.ParseSloppy(ips[i]) is null)
            {
                yield return FieldErrors.Invalid(path.Index(i), ips[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
            }
        }
        if (ips.Count > 1)
        {
            var families = ips.Select(IpAddressText.ParseSloppy).Where(ip => ip is not null).Select(ip => ip!.AddressFamily).Distinct().Count();
            if (families != 2 || ips.Count > 2)
            {
                var rendered = "[]core." + type + "{" + string.Join(", ", ips.Select(ip => "core." + type + "{IP:" + GoText.Quote(ip) + "}")) + "}";
                yield return FieldErrors.Invalid(path, rendered, "may specify no more than one IP for each IP family") with { QuoteBadValue = false };
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < ips.Count; i++)
            {
                if (!seen.Add(ips[i]))
                {
                    yield return FieldErrors.Duplicate(path.Index(i), "core." + type + "{IP:" + GoText.Quote(ips[i]) + "}") with { QuoteBadValue = false };
                }
            }
        }
    }
}
