namespace Stowage.Controllers.GarbageCollection;

/// <summary>What became of an object's owner (classifyReferences in Kubernetes' garbage collector).</summary>
public enum OwnerState
{
    /// <summary>The owner exists and is not deleting its dependents.</summary>
    Solid,

    /// <summary>No object with the owner's uid exists.</summary>
    Dangling,

    /// <summary>The owner is being deleted in the foreground and waits for its dependents.</summary>
    WaitingForDependentsDeletion,
}
