using Stowage.Api.Meta;

namespace Stowage.Server.Resources;

/// <summary>
/// The API server's half of cascading deletion (deletionFinalizersForGarbageCollection in
/// Kubernetes' generic registry): a delete with propagationPolicy Orphan (or orphanDependents=true,
/// or the kind's default) leaves the object with the <c>orphan</c> finalizer, Foreground with
/// <c>foregroundDeletion</c>; Background removes both. The garbage collector then does the work
/// and removes the finalizer.
/// </summary>
public static class GarbageCollectionFinalizers
{
    /// <summary>The finalizer that orphans dependents before the owner goes.</summary>
    public const string Orphan = "orphan";

    /// <summary>The finalizer that deletes dependents before the owner goes.</summary>
    public const string ForegroundDeletion = "foregroundDeletion";

    /// <summary>The finalizers the object should have for this delete, and whether they changed.</summary>
    public static (bool Changed, IReadOnlyList<string> Finalizers) For(ObjectMeta meta, DeleteOptions options, GarbageCollectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(options);
        var existing = meta.Finalizers ?? [];
        if (policy == GarbageCollectionPolicy.Unsupported)
        {
            return (false, existing);
        }
        var orphan = ShouldOrphan(existing, options, policy);
        var foreground = ShouldDeleteInForeground(existing, options);
        var result = existing.Where(f => f is not Orphan and not ForegroundDeletion).ToList();
        if (orphan)
        {
            result.Add(Orphan);
        }
        if (foreground)
        {
            result.Add(ForegroundDeletion);
        }
        return result.ToHashSet(StringComparer.Ordinal).SetEquals(existing) ? (false, existing) : (true, result);
    }

    // shouldOrphanDependents: an explicit request wins, then a finalizer already present, then the default.
    private static bool ShouldOrphan(IReadOnlyList<string> finalizers, DeleteOptions options, GarbageCollectionPolicy policy)
    {
        if (options.OrphanDependents is { } orphan)
        {
            return orphan;
        }
        switch (options.PropagationPolicy)
        {
            case "Orphan":
                return true;
            case "Background" or "Foreground":
                return false;
        }
        foreach (var f in finalizers)
        {
            switch (f)
            {
                case Orphan:
                    return true;
                case ForegroundDeletion:
                    return false;
            }
        }
        return policy == GarbageCollectionPolicy.OrphanDependents;
    }

    private static bool ShouldDeleteInForeground(IReadOnlyList<string> finalizers, DeleteOptions options)
    {
        if (options.OrphanDependents is not null)
        {
            return false;
        }
        switch (options.PropagationPolicy)
        {
            case "Foreground":
                return true;
            case "Background" or "Orphan":
                return false;
        }
        return finalizers.Contains(ForegroundDeletion);
    }
}
