using Stowage.Api.Meta;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;
using Stowage.Runtime.Client;

namespace Stowage.Controllers.Provisioning;

/// <summary>
/// Makes sure a fresh cluster has the <c>local</c> StorageClass, the default unless the administrator
/// already chose one. An existing class named <c>local</c> is the administrator's and is left as is.
/// </summary>
public static class DefaultClassInstaller
{
    /// <summary>The built-in class's name.</summary>
    public const string ClassName = "local";

    /// <summary>Creates the class if it is missing.</summary>
    public static async Task EnsureAsync(ApiClient client, IVolumePool pool, CancellationToken cancellationToken)
    {
        if (await client.GetAsync(ResourceTypes.StorageClasses, null, ClassName, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }
        var existing = await client.ListAsync(ResourceTypes.StorageClasses, null, cancellationToken).ConfigureAwait(false);
        var annotations = new Dictionary<string, string>();
        if (!existing.Items.Any(ClassRules.IsDefault))
        {
            annotations[BinderAnnotations.IsDefaultClass] = "true";
        }
        if (!pool.SizesEnforced)
        {
            annotations[PoolAnnotations.SizeNotEnforced] = pool.NotEnforcedReason ?? "sizes are not enforced";
        }
        try
        {
            await client.CreateAsync(ResourceTypes.StorageClasses, new StorageClass
            {
                Metadata = new ObjectMeta { Name = ClassName, Annotations = annotations },
                Provisioner = Provisioners.Local,
                ReclaimPolicy = "Delete",
                VolumeBindingMode = "Immediate",
                AllowVolumeExpansion = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiClientException e) when (e.IsAlreadyExists)
        {
        }
    }
}
