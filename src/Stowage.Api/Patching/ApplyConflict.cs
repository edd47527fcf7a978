namespace Stowage.Api.Patching;

/// <summary>
/// A field an apply would change that another manager owns. The server turns each into a Status
/// cause: <c>{"reason":"FieldManagerConflict","message":<see cref="Message"/>,"field":<see cref="Field"/>}</c>.
/// </summary>
public sealed record ApplyConflict
{
    internal ApplyConflict(ManagerIdentity owner, FieldPath path)
    {
        Owner = owner;
        Path = path;
    }

    /// <summary>The owning manager's name.</summary>
    public string Manager => Owner.Manager;

    /// <summary>How the owner came to own the field.</summary>
    public ManagedFieldsOperation Operation => Owner.Operation;

    /// <summary>The owner's API version (Update entries only; null for appliers).</summary>
    public string? ApiVersion => Owner.ApiVersion;

    /// <summary>The owner's subresource, if any.</summary>
    public string? Subresource => Owner.Subresource;

    /// <summary>The contested field.</summary>
    public FieldPath Path { get; }

    /// <summary>The field as Kubernetes prints it, e.g. <c>.spec.capacity.storage</c>.</summary>
    public string Field => Path.ToString();

    /// <summary>The cause message, e.g. <c>conflict with "kubectl-client-side-apply" using v1</c>.</summary>
    public string Message => "conflict with " + Owner.Display;

    internal ManagerIdentity Owner { get; }
}
