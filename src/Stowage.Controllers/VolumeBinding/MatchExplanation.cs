using System.Globalization;
using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// Stowage's addition where Kubernetes is silent: one human line saying why no volume can serve a
/// claim, e.g. <c>no volume matches: 2 too small (largest 1Gi &lt; 5Gi), 1 in class "ssd" (claim
/// asks ""), 1 lacks label disktype=ssd, 1 already bound to default/other, 1 lacks access mode
/// ReadWriteMany, 1 not Available (Released)</c>.
/// </summary>
/// <remarks>
/// <para>Each volume is counted once, under the first reason that rules it out, checked in this
/// order: being deleted; claimed by another claim (Released/Failed volumes count as not
/// Available); access modes; volume mode; class; size; attributes class; selector; phase; waiting
/// for the scheduler (WaitForFirstConsumer). A volume pre-bound to the claim skips the class,
/// selector and phase checks, as matching does.</para>
/// <para>The text is a function of the claim and the volumes only, with a fixed order of parts
/// (size, class, labels, claimed, access modes, phase, volume mode, attributes class, deletion,
/// scheduler) and of the details inside them, so the controller can compare it with the last text
/// it reported and update the event only when the reason changed. It is O(volumes): compute it
/// only for claims that found no volume.</para>
/// </remarks>
public static class MatchExplanation
{
    /// <summary>The text when the cluster has no volumes at all.</summary>
    public const string NoVolumes = "no persistent volumes exist";

    /// <summary>Explains the claim's situation in <paramref name="view"/> (WaitForFirstConsumer taken from its class).</summary>
    public static string Explain(PersistentVolumeClaim claim, BindingView view)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(view);
        bool delayBinding = ClaimSync.IsDelayBinding(claim, view, out _);
        return Explain(claim, view.Volumes.All, delayBinding);
    }

    /// <summary>Explains why none of <paramref name="volumes"/> can serve the claim.</summary>
    public static string Explain(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, bool delayBinding = false)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volumes);
        Selector? selector = null;
        if (claim.Spec?.Selector is { } labelSelector && Selector.TryFromLabelSelector(labelSelector, out var parsed, out _))
        {
            selector = parsed;
        }
        var request = VolumeMatcher.RequestOf(claim);
        var groups = new SortedDictionary<(MismatchKind Kind, string Order), Group>();
        bool any = false;
        foreach (var volume in volumes.OrderBy(v => v.Metadata.Name, StringComparer.Ordinal))
        {
            any = true;
            var (kind, order, detail) = Classify(claim, volume, request, selector, delayBinding);
            if (kind is null)
            {
                return "volume \"" + volume.Metadata.Name + "\" matches";
            }
            if (!groups.TryGetValue((kind.Value, order), out var group))
            {
                group = new Group(kind.Value, detail);
                groups.Add((kind.Value, order), group);
            }
            group.Add(volume);
        }
        if (!any)
        {
            return NoVolumes;
        }
        return "no volume matches: " + string.Join(", ", groups.Values.Select(g => g.Render(claim, request)));
    }

    private static (MismatchKind? Kind, string Order, string Detail) Classify(
        PersistentVolumeClaim claim, PersistentVolume volume, Quantity request, Selector? selector, bool delayBinding)
    {
        if (volume.Metadata.DeletionTimestamp is not null)
        {
            return (MismatchKind.BeingDeleted, "", "");
        }
        string phase = volume.Status?.Phase ?? "";
        var claimRef = volume.Spec?.ClaimRef;
        bool designated = VolumeMatcher.Designates(claimRef, claim);
        if (claimRef is not null && !designated)
        {
            return phase is VolumePhase.Released or VolumePhase.Failed
                ? (MismatchKind.NotAvailable, "", "")
                : (MismatchKind.BoundElsewhere, "", "");
        }
        var offered = volume.Spec?.AccessModes ?? [];
        var missing = (claim.Spec?.AccessModes ?? [])
            .Where(mode => !offered.Contains(mode))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(ModeRank)
            .ThenBy(mode => mode, StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            string modes = string.Join(", ", missing);
            return (MismatchKind.AccessMode, modes, (missing.Count == 1 ? "access mode " : "access modes ") + modes);
        }
        if (VolumeMatcher.VolumeModesMismatch(claim, volume))
        {
            string mode = VolumeMatcher.ModeOf(volume);
            return (MismatchKind.VolumeMode, mode, mode);
        }
        if (!designated && ClassRules.ClassOf(volume) != ClassRules.ClassOf(claim))
        {
            return (MismatchKind.OtherClass, "", "");
        }
        if (VolumeMatcher.CapacityOf(volume) < request)
        {
            return (MismatchKind.TooSmall, "", "");
        }
        if (VolumeMatcher.AttributesClassOf(volume) != VolumeMatcher.AttributesClassOf(claim))
        {
            return (MismatchKind.AttributesClass, VolumeMatcher.AttributesClassOf(volume), VolumeMatcher.AttributesClassOf(volume));
        }
        if (designated)
        {
            return (null, "", "");
        }
        if (selector is not null)
        {
            var requirements = selector.Requirements;
            for (int i = 0; i < requirements.Count; i++)
            {
                if (!requirements[i].Matches(volume.Metadata.Labels))
                {
                    return (MismatchKind.Selector, i.ToString("D4", CultureInfo.InvariantCulture), DescribeUnmet(requirements[i]));
                }
            }
        }
        if (phase != VolumePhase.Available)
        {
            return (MismatchKind.NotAvailable, "", "");
        }
        if (delayBinding)
        {
            return (MismatchKind.WaitsForConsumer, "", "");
        }
        return (null, "", "");
    }

    // "lacks label disktype=ssd" / "has label disktype in (hdd)": the verb stays singular here and
    // is made plural by Group.Render.
    private static string DescribeUnmet(LabelRequirement requirement)
    {
        var values = requirement.Values.Order(StringComparer.Ordinal).ToList();
        string set = values.Count == 1 ? "=" + values[0] : " in (" + string.Join(",", values) + ")";
        return requirement.Operator switch
        {
            SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.In => "lacks|label " + requirement.Key + set,
            SelectionOperator.Exists => "lacks|label " + requirement.Key,
            SelectionOperator.NotEqual or SelectionOperator.NotIn => "has|label " + requirement.Key + set,
            SelectionOperator.DoesNotExist => "has|label " + requirement.Key,
            _ => "does not match|selector " + requirement,
        };
    }

    private static int ModeRank(string mode) => mode switch
    {
        AccessModeSet.ReadWriteOnce => 0,
        AccessModeSet.ReadOnlyMany => 1,
        AccessModeSet.ReadWriteMany => 2,
        AccessModeSet.ReadWriteOncePod => 3,
        _ => 4,
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>The volumes counted under one reason, and what the text says about them.</summary>
    private sealed class Group(MismatchKind kind, string detail)
    {
        private static readonly string[] PhaseOrder = [VolumePhase.Pending, VolumePhase.Released, VolumePhase.Failed, VolumePhase.Bound];

        private readonly SortedSet<string> _classes = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _claims = new(StringComparer.Ordinal);
        private readonly HashSet<string> _phases = new(StringComparer.Ordinal);
        private int _count;
        private Quantity? _largest;

        public void Add(PersistentVolume volume)
        {
            _count++;
            _classes.Add(ClassRules.ClassOf(volume));
            if (volume.Spec?.ClaimRef is { Name.Length: > 0 } claimRef)
            {
                _claims.Add(ClaimKey.Of(claimRef).ToString());
            }
            _phases.Add(volume.Status?.Phase ?? "");
            var capacity = VolumeMatcher.CapacityOf(volume);
            if (_largest is null || capacity > _largest.Value)
            {
                _largest = capacity;
            }
        }

        public string Render(PersistentVolumeClaim claim, Quantity request)
        {
            string n = _count.ToString(CultureInfo.InvariantCulture);
            bool one = _count == 1;
            switch (kind)
            {
                case MismatchKind.TooSmall:
                    return n + " too small (" + (one ? "" : "largest ") + _largest + " < " + request + ")";
                case MismatchKind.OtherClass:
                    return n + " in " + (_classes.Count == 1 ? "class " : "classes ") + string.Join(", ", _classes.Select(Quote))
                        + " (claim asks " + Quote(ClassRules.ClassOf(claim)) + ")";
                case MismatchKind.Selector:
                    var parts = detail.Split('|', 2);
                    string verb = one ? parts[0] : Plural(parts[0]);
                    return n + " " + verb + " " + parts[1];
                case MismatchKind.BoundElsewhere:
                    return _claims.Count == 0
                        ? n + " already bound"
                        : n + " already bound to " + string.Join(", ", _claims.Take(3)) + (_claims.Count > 3 ? ", …" : "");
                case MismatchKind.AccessMode:
                    return n + (one ? " lacks " : " lack ") + detail;
                case MismatchKind.NotAvailable:
                    var phases = PhaseOrder.Where(_phases.Contains)
                        .Concat(_phases.Where(p => !PhaseOrder.Contains(p)).Order(StringComparer.Ordinal))
                        .Select(p => p.Length == 0 ? "no phase" : p);
                    return n + " not Available (" + string.Join(", ", phases) + ")";
                case MismatchKind.VolumeMode:
                    return n + (one ? " is " : " are ") + detail + " (claim asks " + VolumeMatcher.ModeOf(claim) + ")";
                case MismatchKind.AttributesClass:
                    return n + (one ? " has" : " have") + " volume attributes class " + Quote(detail)
                        + " (claim asks " + Quote(VolumeMatcher.AttributesClassOf(claim)) + ")";
                case MismatchKind.BeingDeleted:
                    return n + " being deleted";
                default:
                    return n + (one ? " waits" : " wait") + " for the first consumer (WaitForFirstConsumer)";
            }
        }

        private static string Plural(string verb) => verb switch
        {
            "lacks" => "lack",
            "has" => "have",
            "does not match" => "do not match",
            _ => verb,
        };
    }
}
