using System.Globalization;
using System.Net.Sockets;
using Stowage.Api.Core;
using Stowage.Api.Quantities;

namespace Stowage.Api.Validation;

/// <summary>
/// Node validation as kube-apiserver 1.32 runs it: ValidateNode on create, ValidateNodeUpdate on
/// every update (main resource and status alike). Taints are reported under "metadata.taints",
/// resources at "status.capacity.cpu" (dotted, not keyed), as Kubernetes does.
/// </summary>
public static class NodeValidation
{
    private const string PodCidrChange = "node updates may not change podCIDR except from \"\" to valid";

    /// <summary>A node on create.</summary>
    public static IReadOnlyList<FieldError> Validate(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var errs = ObjectMetaValidation.ValidateObjectMeta(node.Metadata, false, ObjectMetaValidation.DnsSubdomainName).ToList();
        errs.AddRange(Taints(node.Spec?.Taints, FieldPath.Root("metadata").Child("taints")));
        errs.AddRange(Resources(node));
        errs.AddRange(PodCidrs(node.Spec?.PodCIDRs));
        return errs;
    }

    /// <summary>A node on update: podCIDRs and providerID may only be set once, addresses are unique.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Node node, Node oldNode)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(oldNode);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(node.Metadata, oldNode.Metadata).ToList();
        errs.AddRange(Resources(node));
        var seen = new HashSet<NodeAddress>();
        var addresses = node.Status?.Addresses ?? [];
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!seen.Add(addresses[i]))
            {
                errs.Add(FieldErrors.Duplicate(FieldPath.Root("status").Child("addresses").Index(i),
                    "core.NodeAddress{Type:" + GoText.Quote(addresses[i].Type) + ", Address:" + GoText.Quote(addresses[i].Address) + "}") with { QuoteBadValue = false });
            }
        }
        var oldCidrs = oldNode.Spec?.PodCIDRs ?? [];
        var newCidrs = node.Spec?.PodCIDRs ?? [];
        if (oldCidrs.Count > 0)
        {
            if (oldCidrs.Count != newCidrs.Count)
            {
                errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("podCIDRs"), PodCidrChange));
            }
            else
            {
                errs.AddRange(oldCidrs.Where((c, i) => c != newCidrs[i]).Select(_ => FieldErrors.Forbidden(FieldPath.Root("spec").Child("podCIDRs"), PodCidrChange)));
            }
        }
        var oldProvider = oldNode.Spec?.ProviderID ?? "";
        if (oldProvider.Length > 0 && oldProvider != (node.Spec?.ProviderID ?? ""))
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("providerID"), "node updates may not change providerID except from \"\" to valid"));
        }
        errs.AddRange(Taints(node.Spec?.Taints, FieldPath.Root("metadata").Child("taints")));
        if ((node.Spec?.ExternalID ?? "") != (oldNode.Spec?.ExternalID ?? ""))
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec").Child("externalID"), "may not be updated"));
        }
        return errs;
    }

    // validateNodeTaints: key a label name, value a label value, a known effect, unique by key and effect.
    private static IEnumerable<FieldError> Taints(IReadOnlyList<Taint>? taints, FieldPath path)
    {
        var unique = new HashSet<(string, string)>();
        for (var i = 0; i < (taints?.Count ?? 0); i++)
        {
            var t = taints![i];
            var p = path.Index(i);
            foreach (var e in ValidationPrimitives.ValidateQualifiedName(t.Key, p.Child("key")))
            {
                yield return e;
            }
            var valueErrors = ValidationPrimitives.IsValidLabelValue(t.Value ?? "");
            if (valueErrors.Count > 0)
            {
                yield return FieldErrors.Invalid(p.Child("value"), t.Value ?? "", string.Join(";", valueErrors));
            }
            if (t.Effect.Length == 0)
            {
                yield return FieldErrors.Required(p.Child("effect"));
            }
            else if (!PodSpecRules.TaintEffects.Contains(t.Effect, StringComparer.Ordinal))
            {
                yield return FieldErrors.NotSupported(p.Child("effect"), t.Effect, PodSpecRules.TaintEffects);
            }
            if (!unique.Add((t.Effect, t.Key)))
            {
                // Go prints the taint with %#v.
                var added = t.TimeAdded is null ? "(*v1.Time)(nil)" : "v1.Time{" + GoText.Time(t.TimeAdded) + "}";
                var rendered = "core.Taint{Key:" + GoText.Quote(t.Key) + ", Value:" + GoText.Quote(t.Value ?? "") + ", Effect:" + GoText.Quote(t.Effect) + ", TimeAdded:" + added + "}";
                yield return new FieldError(FieldErrorType.Duplicate, p.Text, rendered, "taints must be unique by key and effect pair") { QuoteBadValue = false };
            }
        }
    }

    // ValidateNodeResources: capacity and allocatable quantities.
    private static IEnumerable<FieldError> Resources(Node node)
    {
        foreach (var (section, resources) in new[] { ("capacity", node.Status?.Capacity), ("allocatable", node.Status?.Allocatable) })
        {
            foreach (var (name, q) in (resources ?? new Dictionary<string, Quantity>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                foreach (var e in ResourceRules.QuantityValue(name, q, FieldPath.Root("status").Child(section).Child(name)))
                {
                    yield return e;
                }
            }
        }
    }

    private static IEnumerable<FieldError> PodCidrs(IReadOnlyList<string>? cidrs)
    {
        if (cidrs is not { Count: > 0 })
        {
            yield break;
        }
        var path = FieldPath.Root("spec").Child("podCIDRs");
        var families = new List<AddressFamily>();
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (ParseCidr(cidrs[i]) is { } family)
            {
                families.Add(family);
            }
            else
            {
                yield return FieldErrors.Invalid(path.Index(i), cidrs[i], "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
            }
        }
        if (cidrs.Count > 1)
        {
            if (families.Distinct().Count() != 2 || cidrs.Count > 2)
            {
                yield return FieldErrors.Invalid(path, GoText.StringSlice(cidrs), "may specify no more than one CIDR for each IP family") with { QuoteBadValue = false };
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < cidrs.Count; i++)
            {
                if (!seen.Add(cidrs[i]))
                {
                    yield return FieldErrors.Duplicate(path.Index(i), cidrs[i]);
                }
            }
        }
    }

    // netutils.ParseCIDRSloppy: an address (host bits may be set) and a prefix length in range.
    private static AddressFamily? ParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || IpAddressText.ParseSloppy(text[..slash]) is not { } ip
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return null;
        }
        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return prefix <= max ? ip.AddressFamily : null;
    }
}
