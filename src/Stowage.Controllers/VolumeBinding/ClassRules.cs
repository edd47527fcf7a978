using Stowage.Api.Core;
using Stowage.Api.Storage;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// Which class a claim or volume "has", and which class is the default (pv-semantics §2). The
/// server's <c>PersistentVolumeClaimStrategy.ClassOf</c> applies the same claim rule; it is
/// repeated here because controllers do not reference the server.
/// </summary>
public static class ClassRules
{
    /// <summary>
    /// The class of a claim: the beta annotation if present (even ""), else
    /// <c>spec.storageClassName</c>, else "".
    /// </summary>
    public static string ClassOf(PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Metadata.Annotations is { } annotations && annotations.TryGetValue(BinderAnnotations.BetaStorageClass, out var beta))
        {
            return beta;
        }
        return claim.Spec?.StorageClassName ?? "";
    }

    /// <summary>The class of a volume: the beta annotation if present, else <c>spec.storageClassName</c>, else "".</summary>
    public static string ClassOf(PersistentVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.Metadata.Annotations is { } annotations && annotations.TryGetValue(BinderAnnotations.BetaStorageClass, out var beta))
        {
            return beta;
        }
        return volume.Spec?.StorageClassName ?? "";
    }

    /// <summary>
    /// Whether the claim asked for a class at all (beta annotation present or a non-null
    /// <c>storageClassName</c>, including ""). Only claims without one get the default class.
    /// </summary>
    public static bool HasClass(PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Metadata.Annotations?.ContainsKey(BinderAnnotations.BetaStorageClass) == true
            || claim.Spec?.StorageClassName is not null;
    }

    /// <summary>Whether a class is marked default: either annotation equal to exactly <c>"true"</c>.</summary>
    public static bool IsDefault(StorageClass storageClass)
    {
        ArgumentNullException.ThrowIfNull(storageClass);
        var annotations = storageClass.Metadata.Annotations;
        return annotations is not null
            && (annotations.GetValueOrDefault(BinderAnnotations.IsDefaultClass) == "true"
                || annotations.GetValueOrDefault(BinderAnnotations.BetaIsDefaultClass) == "true");
    }

    /// <summary>
    /// The default class: among classes marked default, the newest by creation time; equal times
    /// are broken by name in ascending ordinal order. Null when none is marked.
    /// </summary>
    public static StorageClass? DefaultClass(IEnumerable<StorageClass> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        StorageClass? best = null;
        foreach (var candidate in classes)
        {
            if (!IsDefault(candidate))
            {
                continue;
            }
            if (best is null || IsPreferred(candidate, best))
            {
                best = candidate;
            }
        }
        return best;
    }

    private static bool IsPreferred(StorageClass candidate, StorageClass best)
    {
        var a = candidate.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;
        var b = best.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;
        if (a != b)
        {
            return a > b;
        }
        return string.CompareOrdinal(candidate.Metadata.Name, best.Metadata.Name) < 0;
    }
}
