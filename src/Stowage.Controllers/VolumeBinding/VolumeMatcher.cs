using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// Kubernetes' matching rules (pv-semantics §3.3, §3.4) as plain functions over lists. These are
/// the reference: <see cref="VolumeIndex.FindBestMatch"/> gives the same answers without scanning
/// every volume, and the tests hold the two to each other.
/// </summary>
/// <remarks>
/// <para>Where Kubernetes leaves the choice unspecified, Stowage is deterministic: volumes of equal
/// capacity in one group are taken in ascending ordinal name order, and access-mode groups with
/// the same number of modes in the order of <see cref="AccessModeSet.GroupOrder"/>.</para>
/// <para>The VolumeAttributesClass gate is taken as on (GA and default since 1.34).</para>
/// </remarks>
public static class VolumeMatcher
{
    /// <summary>Filesystem, the volume mode a nil field means.</summary>
    public const string Filesystem = "Filesystem";

    /// <summary>
    /// Whether a claimRef designates the claim (<c>IsVolumeBoundToClaim</c>): same namespace and
    /// name, and the UID empty or equal to the claim's. A claimRef with an empty namespace can only
    /// designate a claim whose namespace is empty too, i.e. none.
    /// </summary>
    public static bool Designates(ObjectReference? claimRef, PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claimRef is null)
        {
            return false;
        }
        if ((claimRef.Name ?? "") != (claim.Metadata.Name ?? "") || (claimRef.Namespace ?? "") != (claim.Metadata.Namespace ?? ""))
        {
            return false;
        }
        return string.IsNullOrEmpty(claimRef.Uid) || claimRef.Uid == (claim.Metadata.Uid ?? "");
    }

    /// <summary>Whether the volume is pre-bound or bound to the claim (<c>IsVolumeBoundToClaim</c>).</summary>
    public static bool IsVolumeBoundToClaim(PersistentVolume volume, PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return Designates(volume.Spec?.ClaimRef, claim);
    }

    /// <summary>Whether the volume modes differ; nil on either side counts as Filesystem.</summary>
    public static bool VolumeModesMismatch(PersistentVolumeClaim claim, PersistentVolume volume)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volume);
        return ModeOf(claim) != ModeOf(volume);
    }

    /// <summary>Whether the volume offers every access mode the claim requests (<c>CheckAccessModes</c>).</summary>
    public static bool CheckAccessModes(PersistentVolumeClaim claim, PersistentVolume volume)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volume);
        var offered = volume.Spec?.AccessModes ?? [];
        foreach (var mode in claim.Spec?.AccessModes ?? [])
        {
            if (!offered.Contains(mode))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// <c>checkVolumeSatisfyClaim</c>: whether a volume the claim names in <c>spec.volumeName</c>
    /// can serve it. Null when it can; otherwise Kubernetes' reason, first failure wins:
    /// deletion, size (whole bytes, rounded up), class, attributes class, volume mode, access modes.
    /// Selector, phase and node affinity are deliberately not checked.
    /// </summary>
    public static string? CheckVolumeSatisfyClaim(PersistentVolume volume, PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(claim);
        if (volume.Metadata.DeletionTimestamp is not null)
        {
            return "the volume is marked for deletion \"" + volume.Metadata.Name + "\"";
        }
        if (CapacityOf(volume).Value < RequestOf(claim).Value)
        {
            return "requested PV is too small";
        }
        if (ClassRules.ClassOf(volume) != ClassRules.ClassOf(claim))
        {
            return "storageClassName does not match";
        }
        if (AttributesClassOf(volume) != AttributesClassOf(claim))
        {
            return "volumeAttributesClassName does not match";
        }
        if (VolumeModesMismatch(claim, volume))
        {
            return "incompatible volumeMode";
        }
        if (!CheckAccessModes(claim, volume))
        {
            return "incompatible accessMode";
        }
        return null;
    }

    /// <summary>
    /// <c>FindMatchingVolume</c> on the controller path (no node, nothing excluded) over one list,
    /// visited in the given order: a volume pre-bound to the claim that fits (size, volume mode,
    /// attributes class, not being deleted) is returned at once; otherwise the smallest Available
    /// volume of the claim's class that fits and matches the selector, the earlier one on a tie.
    /// With <paramref name="delayBinding"/> only pre-bound volumes qualify.
    /// </summary>
    public static MatchResult FindMatchingVolume(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, bool delayBinding)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volumes);
        if (!TrySelectorOf(claim, out var selector, out var error))
        {
            return MatchResult.Failed(error!);
        }
        return FindMatchingVolume(claim, volumes, delayBinding, selector);
    }

    /// <summary>
    /// <c>findBestMatchForClaim</c>: groups the volumes by their access-mode set, visits the
    /// groups that contain every requested mode, fewest modes first, and returns the first group's
    /// <see cref="FindMatchingVolume(PersistentVolumeClaim, IEnumerable{PersistentVolume}, bool)"/>
    /// result. Within a group volumes are visited in ordinal name order.
    /// </summary>
    /// <remarks>Allocates per call in proportion to the number of volumes; the controller uses <see cref="VolumeIndex"/>.</remarks>
    public static MatchResult FindBestMatch(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, bool delayBinding)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volumes);
        if (!TrySelectorOf(claim, out var selector, out var error))
        {
            return MatchResult.Failed(error!);
        }
        if (!AccessModeSet.TryFromClaim(claim.Spec?.AccessModes, out var requested))
        {
            return MatchResult.None;
        }
        var groups = volumes
            .GroupBy(v => AccessModeSet.FromVolume(v.Spec?.AccessModes).Mask)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Metadata.Name, StringComparer.Ordinal).ToList());
        foreach (int mask in AccessModeSet.GroupOrder)
        {
            if (!new AccessModeSet(mask).ContainsAll(requested) || !groups.TryGetValue(mask, out var group))
            {
                continue;
            }
            var result = FindMatchingVolume(claim, group, delayBinding, selector);
            if (result.Volume is not null)
            {
                return result;
            }
        }
        return MatchResult.None;
    }

    internal static MatchResult FindMatchingVolume(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, bool delayBinding, Selector? selector)
    {
        var requested = RequestOf(claim);
        string requestedClass = ClassRules.ClassOf(claim);
        PersistentVolume? smallest = null;
        Quantity smallestCapacity = default;
        foreach (var volume in volumes)
        {
            var claimRef = volume.Spec?.ClaimRef;
            bool designated = Designates(claimRef, claim);
            if (claimRef is not null && !designated)
            {
                continue;
            }
            var capacity = CapacityOf(volume);
            if (!FitsAnyVolume(claim, volume, capacity, requested))
            {
                continue;
            }
            if (designated)
            {
                return MatchResult.Found(volume);
            }
            if (delayBinding)
            {
                continue;
            }
            if (volume.Status?.Phase != VolumePhase.Available)
            {
                continue;
            }
            if (selector is not null && !selector.Matches(volume.Metadata.Labels))
            {
                continue;
            }
            if (ClassRules.ClassOf(volume) != requestedClass)
            {
                continue;
            }
            if (smallest is null || smallestCapacity > capacity)
            {
                smallest = volume;
                smallestCapacity = capacity;
            }
        }
        return smallest is null ? MatchResult.None : MatchResult.Found(smallest);
    }

    /// <summary>
    /// The checks of <c>FindMatchingVolume</c> that apply to pre-bound and free volumes alike:
    /// enough capacity, same volume mode, same attributes class, not being deleted.
    /// </summary>
    internal static bool FitsAnyVolume(PersistentVolumeClaim claim, PersistentVolume volume, Quantity capacity, Quantity requested) =>
        capacity >= requested
        && !VolumeModesMismatch(claim, volume)
        && AttributesClassOf(volume) == AttributesClassOf(claim)
        && volume.Metadata.DeletionTimestamp is null;

    /// <summary>A claim's selector as a matcher: null when the claim has none (no filtering).</summary>
    internal static bool TrySelectorOf(PersistentVolumeClaim claim, out Selector? selector, out string? error)
    {
        selector = null;
        error = null;
        var labelSelector = claim.Spec?.Selector;
        if (labelSelector is null)
        {
            return true;
        }
        if (!Selector.TryFromLabelSelector(labelSelector, out var converted, out var conversionError))
        {
            error = "error creating internal label selector for claim: " + ClaimKey.Of(claim) + ": " + conversionError;
            return false;
        }
        selector = converted;
        return true;
    }

    /// <summary><c>capacity.storage</c>, zero when absent.</summary>
    internal static Quantity CapacityOf(PersistentVolume volume) =>
        volume.Spec?.Capacity?.GetValueOrDefault("storage") ?? Quantity.Zero;

    /// <summary><c>resources.requests.storage</c>, zero when absent.</summary>
    internal static Quantity RequestOf(PersistentVolumeClaim claim) =>
        claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage") ?? Quantity.Zero;

    /// <summary>The volume mode, nil read as Filesystem.</summary>
    internal static string ModeOf(PersistentVolumeClaim claim) => claim.Spec?.VolumeMode ?? Filesystem;

    /// <summary>The volume mode, nil read as Filesystem.</summary>
    internal static string ModeOf(PersistentVolume volume) => volume.Spec?.VolumeMode ?? Filesystem;

    /// <summary>The VolumeAttributesClass name, nil read as "".</summary>
    internal static string AttributesClassOf(PersistentVolumeClaim claim) => claim.Spec?.VolumeAttributesClassName ?? "";

    /// <summary>The VolumeAttributesClass name, nil read as "".</summary>
    internal static string AttributesClassOf(PersistentVolume volume) => volume.Spec?.VolumeAttributesClassName ?? "";
}
