using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>A claim's namespace and name; prints as <c>namespace/name</c> (Kubernetes' claim key).</summary>
public readonly record struct ClaimKey(string Namespace, string Name)
{
    /// <summary>The key of a claim object.</summary>
    public static ClaimKey Of(PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new(claim.Metadata.Namespace ?? "", claim.Metadata.Name ?? "");
    }

    /// <summary>The key a volume's claimRef names.</summary>
    public static ClaimKey Of(ObjectReference claimRef)
    {
        ArgumentNullException.ThrowIfNull(claimRef);
        return new(claimRef.Namespace ?? "", claimRef.Name ?? "");
    }

    /// <inheritdoc/>
    public override string ToString() => Namespace + "/" + Name;
}
