using Stowage.Api.Meta;

namespace Stowage.Controllers.Workloads;

/// <summary>metav1.GetControllerOf and NewControllerRef.</summary>
public static class OwnerReferences
{
    /// <summary>The reference with controller=true, if any.</summary>
    public static OwnerReference? ControllerOf(ObjectMeta meta) =>
        meta.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>A controller reference to <paramref name="owner"/> that blocks the owner's foreground deletion.</summary>
    public static OwnerReference NewControllerRef(IApiObject owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name ?? "",
        Uid = owner.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
