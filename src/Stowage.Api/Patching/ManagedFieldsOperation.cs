namespace Stowage.Api.Patching;

/// <summary>How a manager came to own its fields (metav1.ManagedFieldsOperationType).</summary>
public enum ManagedFieldsOperation
{
    /// <summary>Server-side apply: the manager's set is exactly its last applied configuration.</summary>
    Apply,

    /// <summary>Any other write (create, update, non-apply patch): the manager owns what it changed.</summary>
    Update,
}
