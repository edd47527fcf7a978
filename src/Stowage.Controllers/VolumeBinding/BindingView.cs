using System.Collections.Immutable;
using Stowage.Api.Core;
using Stowage.Api.Storage;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// The state the binder decides from: volumes (indexed), claims, storage classes and pods' use of
/// claims. Immutable: every <c>With…</c>/<c>Without…</c> returns a new view sharing structure
/// with the old one, so the controller can keep one up to date from its informers at O(log n) per
/// change and pass the current value to a sync as a consistent snapshot.
/// </summary>
/// <remarks>
/// Claims without <c>spec.volumeName</c> are also indexed by class (<see cref="ClaimsWithoutVolume"/>):
/// a volume that becomes available, or a class that appears, concerns only those, and in a cluster of
/// many bound claims visiting every claim per such event would cost O(claims) each time.
/// </remarks>
public sealed class BindingView
{
    private readonly ImmutableSortedDictionary<ClaimKey, PersistentVolumeClaim> _claims;
    private readonly ImmutableSortedDictionary<string, StorageClass> _classes;
    private readonly ImmutableDictionary<ClaimKey, ImmutableList<PodClaimUse>> _podsByClaim;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<ClaimKey>> _withoutVolumeByClass;

    private BindingView(
        VolumeIndex volumes,
        ImmutableSortedDictionary<ClaimKey, PersistentVolumeClaim> claims,
        ImmutableSortedDictionary<string, StorageClass> classes,
        ImmutableDictionary<ClaimKey, ImmutableList<PodClaimUse>> podsByClaim,
        ImmutableDictionary<string, ImmutableSortedSet<ClaimKey>> withoutVolumeByClass)
    {
        Volumes = volumes;
        _claims = claims;
        _classes = classes;
        _podsByClaim = podsByClaim;
        _withoutVolumeByClass = withoutVolumeByClass;
    }

    /// <summary>A view of nothing.</summary>
    public static BindingView Empty { get; } = new(
        VolumeIndex.Empty,
        ImmutableSortedDictionary.Create<ClaimKey, PersistentVolumeClaim>(ClaimKeyOrder.Instance),
        ImmutableSortedDictionary.Create<string, StorageClass>(StringComparer.Ordinal),
        ImmutableDictionary<ClaimKey, ImmutableList<PodClaimUse>>.Empty,
        ImmutableDictionary.Create<string, ImmutableSortedSet<ClaimKey>>(StringComparer.Ordinal));

    /// <summary>The volumes, indexed for matching.</summary>
    public VolumeIndex Volumes { get; }

    /// <summary>Every claim, in namespace/name order.</summary>
    public IEnumerable<PersistentVolumeClaim> Claims => _claims.Values;

    /// <summary>
    /// The claims of a class (<see cref="ClassRules.ClassOf(PersistentVolumeClaim)"/>) whose
    /// <c>spec.volumeName</c> is empty, in namespace/name order; O(log n + result).
    /// </summary>
    public IEnumerable<PersistentVolumeClaim> ClaimsWithoutVolume(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        var keys = _withoutVolumeByClass.GetValueOrDefault(className);
        return keys is null ? [] : keys.Select(key => _claims[key]);
    }

    /// <summary>Every storage class, in name order.</summary>
    public IEnumerable<StorageClass> Classes => _classes.Values;

    /// <summary>A view of the given objects.</summary>
    public static BindingView Create(
        IEnumerable<PersistentVolume> volumes,
        IEnumerable<PersistentVolumeClaim> claims,
        IEnumerable<StorageClass>? classes = null,
        IEnumerable<PodClaimUse>? pods = null)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(claims);
        var view = Empty.WithVolumes(VolumeIndex.Create(volumes));
        foreach (var claim in claims)
        {
            view = view.WithClaim(claim);
        }
        foreach (var storageClass in classes ?? [])
        {
            view = view.WithClass(storageClass);
        }
        foreach (var use in pods ?? [])
        {
            view = view.WithPodClaimUse(use);
        }
        return view;
    }

    /// <summary>The volume of that name, or null.</summary>
    public PersistentVolume? GetVolume(string name) => Volumes.Get(name);

    /// <summary>The claim of that namespace and name, or null.</summary>
    public PersistentVolumeClaim? GetClaim(ClaimKey key) => _claims.GetValueOrDefault(key);

    /// <summary>The storage class of that name, or null.</summary>
    public StorageClass? GetClass(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _classes.GetValueOrDefault(name);
    }

    /// <summary>The pods' uses of the claim of that namespace and name, in pod-name order.</summary>
    public IReadOnlyList<PodClaimUse> PodsUsing(ClaimKey claim) =>
        _podsByClaim.GetValueOrDefault(claim) ?? ImmutableList<PodClaimUse>.Empty;

    /// <summary>This view with another volume index (e.g. one the controller maintains itself).</summary>
    public BindingView WithVolumes(VolumeIndex volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        return new(volumes, _claims, _classes, _podsByClaim, _withoutVolumeByClass);
    }

    /// <summary>This view with the volume added or replaced.</summary>
    public BindingView WithVolume(PersistentVolume volume) => WithVolumes(Volumes.With(volume));

    /// <summary>This view without the volume of that name.</summary>
    public BindingView WithoutVolume(string name) => WithVolumes(Volumes.Without(name));

    /// <summary>This view with the claim added or replaced.</summary>
    public BindingView WithClaim(PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var key = ClaimKey.Of(claim);
        var withoutVolume = _withoutVolumeByClass;
        var old = _claims.GetValueOrDefault(key);
        if (old is not null && WithoutVolumeClass(old) is { } oldClass && oldClass != WithoutVolumeClass(claim))
        {
            withoutVolume = RemoveWithoutVolume(withoutVolume, oldClass, key);
        }
        if (WithoutVolumeClass(claim) is { } newClass && (old is null || WithoutVolumeClass(old) != newClass))
        {
            var keys = withoutVolume.GetValueOrDefault(newClass) ?? ImmutableSortedSet.Create<ClaimKey>(ClaimKeyOrder.Instance);
            withoutVolume = withoutVolume.SetItem(newClass, keys.Add(key));
        }
        return new(Volumes, _claims.SetItem(key, claim), _classes, _podsByClaim, withoutVolume);
    }

    /// <summary>This view without the claim of that namespace and name.</summary>
    public BindingView WithoutClaim(ClaimKey key)
    {
        var withoutVolume = _withoutVolumeByClass;
        if (_claims.GetValueOrDefault(key) is { } old && WithoutVolumeClass(old) is { } oldClass)
        {
            withoutVolume = RemoveWithoutVolume(withoutVolume, oldClass, key);
        }
        return new(Volumes, _claims.Remove(key), _classes, _podsByClaim, withoutVolume);
    }

    /// <summary>This view with the storage class added or replaced.</summary>
    public BindingView WithClass(StorageClass storageClass)
    {
        ArgumentNullException.ThrowIfNull(storageClass);
        return new(Volumes, _claims, _classes.SetItem(storageClass.Metadata.Name ?? "", storageClass), _podsByClaim, _withoutVolumeByClass);
    }

    /// <summary>This view without the storage class of that name.</summary>
    public BindingView WithoutClass(string name) => new(Volumes, _claims, _classes.Remove(name), _podsByClaim, _withoutVolumeByClass);

    /// <summary>This view with a pod's use of a claim added or replaced (matched by namespace, pod and claim).</summary>
    public BindingView WithPodClaimUse(PodClaimUse use)
    {
        ArgumentNullException.ThrowIfNull(use);
        var key = new ClaimKey(use.Namespace, use.ClaimName);
        var uses = (_podsByClaim.GetValueOrDefault(key) ?? ImmutableList<PodClaimUse>.Empty).RemoveAll(u => u.PodName == use.PodName);
        int at = 0;
        while (at < uses.Count && string.CompareOrdinal(uses[at].PodName, use.PodName) < 0)
        {
            at++;
        }
        return new(Volumes, _claims, _classes, _podsByClaim.SetItem(key, uses.Insert(at, use)), _withoutVolumeByClass);
    }

    /// <summary>This view without any use of claims by that pod (O(claims in use), pods are few per claim).</summary>
    public BindingView WithoutPod(string podNamespace, string podName)
    {
        var podsByClaim = _podsByClaim;
        foreach (var (key, uses) in _podsByClaim)
        {
            if (key.Namespace != podNamespace)
            {
                continue;
            }
            var remaining = uses.RemoveAll(u => u.PodName == podName);
            if (remaining.Count != uses.Count)
            {
                podsByClaim = remaining.IsEmpty ? podsByClaim.Remove(key) : podsByClaim.SetItem(key, remaining);
            }
        }
        return new(Volumes, _claims, _classes, podsByClaim, _withoutVolumeByClass);
    }

    // The index entry of a claim: its class while it names no volume, else none.
    private static string? WithoutVolumeClass(PersistentVolumeClaim claim) =>
        string.IsNullOrEmpty(claim.Spec?.VolumeName) ? ClassRules.ClassOf(claim) : null;

    private static ImmutableDictionary<string, ImmutableSortedSet<ClaimKey>> RemoveWithoutVolume(
        ImmutableDictionary<string, ImmutableSortedSet<ClaimKey>> index, string className, ClaimKey key)
    {
        var keys = index[className].Remove(key);
        return keys.IsEmpty ? index.Remove(className) : index.SetItem(className, keys);
    }

    private sealed class ClaimKeyOrder : IComparer<ClaimKey>
    {
        public static ClaimKeyOrder Instance { get; } = new();

        public int Compare(ClaimKey x, ClaimKey y)
        {
            int byNamespace = string.CompareOrdinal(x.Namespace, y.Namespace);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
