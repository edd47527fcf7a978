using System.Collections.Immutable;
using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// All volumes the binder knows, indexed for <see cref="FindBestMatch"/>: an immutable, persistent
/// structure the controller keeps up to date one volume at a time (<see cref="With"/>,
/// <see cref="Without"/>, O(log n) each) and hands to every sync as part of a
/// <see cref="BindingView"/> snapshot for free.
/// </summary>
/// <remarks>
/// <para>Kubernetes indexes every volume by its access-mode set and scans whole groups for each
/// claim. The answer only ever comes from two kinds of volume, so only those are indexed for
/// search:</para>
/// <list type="bullet">
/// <item>volumes whose claimRef names a claim (pre-bound or bound), by that claim's
/// namespace/name — the few a claim can be "designated" by;</item>
/// <item>free candidates — no claimRef, phase Available, not being deleted — by class, then
/// access-mode set, each group sorted by (capacity, name).</item>
/// </list>
/// <para>A search visits the groups that contain the requested modes in
/// <see cref="AccessModeSet.GroupOrder"/>, returns a designating volume of the group if one fits,
/// else the first entry at or above the requested capacity that passes the remaining checks
/// (volume mode, attributes class, selector). With the usual claim that is O(log n) and allocates
/// nothing in proportion to the number of volumes. Results equal
/// <see cref="VolumeMatcher.FindBestMatch"/> on the same volumes.</para>
/// </remarks>
public sealed class VolumeIndex
{
    private static readonly ImmutableSortedSet<CapacityEntry> EmptyGroup = ImmutableSortedSet.Create(CapacityEntry.Order);
    private static readonly ImmutableSortedSet<string> EmptyNames = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, PersistentVolume> _byName;
    private readonly ImmutableDictionary<string, ImmutableDictionary<int, ImmutableSortedSet<CapacityEntry>>> _candidates;
    private readonly ImmutableDictionary<ClaimKey, ImmutableSortedSet<string>> _byClaimRef;

    private VolumeIndex(
        ImmutableSortedDictionary<string, PersistentVolume> byName,
        ImmutableDictionary<string, ImmutableDictionary<int, ImmutableSortedSet<CapacityEntry>>> candidates,
        ImmutableDictionary<ClaimKey, ImmutableSortedSet<string>> byClaimRef)
    {
        _byName = byName;
        _candidates = candidates;
        _byClaimRef = byClaimRef;
    }

    /// <summary>An index without volumes.</summary>
    public static VolumeIndex Empty { get; } = new(
        ImmutableSortedDictionary.Create<string, PersistentVolume>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableDictionary<int, ImmutableSortedSet<CapacityEntry>>>(StringComparer.Ordinal),
        ImmutableDictionary<ClaimKey, ImmutableSortedSet<string>>.Empty);

    /// <summary>The number of volumes.</summary>
    public int Count => _byName.Count;

    /// <summary>Every volume, in ordinal name order.</summary>
    public IEnumerable<PersistentVolume> All => _byName.Values;

    /// <summary>An index of the given volumes (a later volume with the same name replaces an earlier one).</summary>
    public static VolumeIndex Create(IEnumerable<PersistentVolume> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        var index = Empty;
        foreach (var volume in volumes)
        {
            index = index.With(volume);
        }
        return index;
    }

    /// <summary>The volume with that name, or null.</summary>
    public PersistentVolume? Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>The names of the volumes whose claimRef names that claim (any UID), in ordinal order.</summary>
    public IEnumerable<string> NamesDesignating(ClaimKey claim) =>
        _byClaimRef.GetValueOrDefault(claim) ?? EmptyNames;

    /// <summary>This index with <paramref name="volume"/> added, or replacing the volume of the same name.</summary>
    public VolumeIndex With(PersistentVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        string name = volume.Metadata.Name ?? throw new ArgumentException("A volume needs a name.", nameof(volume));
        var index = _byName.TryGetValue(name, out var old) ? Without(old) : this;
        return index.Add(name, volume);
    }

    /// <summary>This index without the volume of that name (unchanged when there is none).</summary>
    public VolumeIndex Without(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var old) ? Without(old) : this;
    }

    /// <summary>
    /// <c>findBestMatchForClaim</c>: the volume Kubernetes' controller would bind the claim to
    /// (pv-semantics §3.3), with Stowage's deterministic tie rules. With
    /// <paramref name="delayBinding"/> only volumes pre-bound to the claim qualify.
    /// </summary>
    public MatchResult FindBestMatch(PersistentVolumeClaim claim, bool delayBinding)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (!VolumeMatcher.TrySelectorOf(claim, out var selector, out var error))
        {
            return MatchResult.Failed(error!);
        }
        if (!AccessModeSet.TryFromClaim(claim.Spec?.AccessModes, out var requested))
        {
            return MatchResult.None;
        }
        var request = VolumeMatcher.RequestOf(claim);
        var designating = _byClaimRef.GetValueOrDefault(ClaimKey.Of(claim));
        var groups = delayBinding ? null : _candidates.GetValueOrDefault(ClassRules.ClassOf(claim));
        if (designating is null && groups is null)
        {
            return MatchResult.None;
        }
        foreach (int mask in AccessModeSet.GroupOrder)
        {
            if (!new AccessModeSet(mask).ContainsAll(requested))
            {
                continue;
            }
            if (designating is not null && FindDesignating(claim, designating, mask, request) is { } preBound)
            {
                return MatchResult.Found(preBound);
            }
            if (groups is not null && groups.TryGetValue(mask, out var group) && FindSmallest(claim, group, request, selector) is { } smallest)
            {
                return MatchResult.Found(smallest);
            }
        }
        return MatchResult.None;
    }

    private PersistentVolume? FindDesignating(PersistentVolumeClaim claim, ImmutableSortedSet<string> names, int mask, Api.Quantities.Quantity request)
    {
        foreach (var name in names)
        {
            var volume = _byName[name];
            if (AccessModeSet.FromVolume(volume.Spec?.AccessModes).Mask == mask
                && VolumeMatcher.Designates(volume.Spec?.ClaimRef, claim)
                && VolumeMatcher.FitsAnyVolume(claim, volume, VolumeMatcher.CapacityOf(volume), request))
            {
                return volume;
            }
        }
        return null;
    }

    private PersistentVolume? FindSmallest(PersistentVolumeClaim claim, ImmutableSortedSet<CapacityEntry> group, Api.Quantities.Quantity request, Api.Selectors.Selector? selector)
    {
        // "" sorts before every real name, so this is the first entry with capacity >= request.
        int start = group.IndexOf(new CapacityEntry(request, ""));
        if (start < 0)
        {
            start = ~start;
        }
        for (int i = start; i < group.Count; i++)
        {
            var volume = _byName[group[i].Name];
            if (VolumeMatcher.VolumeModesMismatch(claim, volume)
                || VolumeMatcher.AttributesClassOf(volume) != VolumeMatcher.AttributesClassOf(claim)
                || (selector is not null && !selector.Matches(volume.Metadata.Labels)))
            {
                continue;
            }
            return volume;
        }
        return null;
    }

    private VolumeIndex Add(string name, PersistentVolume volume)
    {
        var byName = _byName.SetItem(name, volume);
        var candidates = _candidates;
        var byClaimRef = _byClaimRef;
        if (IsCandidate(volume))
        {
            string volumeClass = ClassRules.ClassOf(volume);
            int mask = AccessModeSet.FromVolume(volume.Spec?.AccessModes).Mask;
            var groups = candidates.GetValueOrDefault(volumeClass) ?? ImmutableDictionary<int, ImmutableSortedSet<CapacityEntry>>.Empty;
            var group = groups.GetValueOrDefault(mask) ?? EmptyGroup;
            candidates = candidates.SetItem(volumeClass, groups.SetItem(mask, group.Add(new CapacityEntry(VolumeMatcher.CapacityOf(volume), name))));
        }
        if (volume.Spec?.ClaimRef is { } claimRef)
        {
            var key = ClaimKey.Of(claimRef);
            byClaimRef = byClaimRef.SetItem(key, (byClaimRef.GetValueOrDefault(key) ?? EmptyNames).Add(name));
        }
        return new VolumeIndex(byName, candidates, byClaimRef);
    }

    private VolumeIndex Without(PersistentVolume old)
    {
        string name = old.Metadata.Name!;
        var byName = _byName.Remove(name);
        var candidates = _candidates;
        var byClaimRef = _byClaimRef;
        if (IsCandidate(old))
        {
            string volumeClass = ClassRules.ClassOf(old);
            int mask = AccessModeSet.FromVolume(old.Spec?.AccessModes).Mask;
            var groups = candidates[volumeClass];
            var group = groups[mask].Remove(new CapacityEntry(VolumeMatcher.CapacityOf(old), name));
            groups = group.IsEmpty ? groups.Remove(mask) : groups.SetItem(mask, group);
            candidates = groups.IsEmpty ? candidates.Remove(volumeClass) : candidates.SetItem(volumeClass, groups);
        }
        if (old.Spec?.ClaimRef is { } claimRef)
        {
            var key = ClaimKey.Of(claimRef);
            var names = byClaimRef[key].Remove(name);
            byClaimRef = names.IsEmpty ? byClaimRef.Remove(key) : byClaimRef.SetItem(key, names);
        }
        return new VolumeIndex(byName, candidates, byClaimRef);
    }

    // The only volumes FindMatchingVolume can choose without a claimRef naming the claim.
    private static bool IsCandidate(PersistentVolume volume) =>
        volume.Spec?.ClaimRef is null
        && volume.Status?.Phase == VolumePhase.Available
        && volume.Metadata.DeletionTimestamp is null;
}
