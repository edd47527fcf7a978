namespace Stowage.Controllers.GarbageCollection;

/// <summary>What the garbage collector does with an object that has owners.</summary>
public enum GarbageAction
{
    /// <summary>Nothing: every owner is alive.</summary>
    Keep,

    /// <summary>Remove the references to vanished or foreground-deleting owners; a live owner remains.</summary>
    RemoveReferences,

    /// <summary>Delete the object in the foreground (an owner waits for it, and it has dependents of its own).</summary>
    DeleteForeground,

    /// <summary>Delete the object with the policy its finalizers ask for (background by default).</summary>
    Delete,
}

/// <summary>attemptToDeleteItem's decision, pure.</summary>
public static class GarbageDecision
{
    /// <summary>Decides from the states of the object's owners and whether it has dependents itself.</summary>
    public static GarbageAction Decide(IReadOnlyCollection<OwnerState> owners, bool hasDependents)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count == 0)
        {
            return GarbageAction.Keep;
        }
        if (owners.Contains(OwnerState.Solid))
        {
            return owners.All(o => o == OwnerState.Solid) ? GarbageAction.Keep : GarbageAction.RemoveReferences;
        }
        if (owners.Contains(OwnerState.WaitingForDependentsDeletion) && hasDependents)
        {
            return GarbageAction.DeleteForeground;
        }
        return GarbageAction.Delete;
    }
}
