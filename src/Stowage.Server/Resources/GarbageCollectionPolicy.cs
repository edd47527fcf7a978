namespace Stowage.Server.Resources;

/// <summary>
/// What deleting an object does to its dependents when the request names no propagation policy
/// (Kubernetes' rest.GarbageCollectionPolicy).
/// </summary>
public enum GarbageCollectionPolicy
{
    /// <summary>The garbage collector does not handle the kind: propagation policies are ignored.</summary>
    Unsupported,

    /// <summary>Background deletion of dependents unless the request says otherwise.</summary>
    DeleteDependents,

    /// <summary>Dependents are orphaned unless the request says otherwise (core/v1 ReplicationController).</summary>
    OrphanDependents,
}
