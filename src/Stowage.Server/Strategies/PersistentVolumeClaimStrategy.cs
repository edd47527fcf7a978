using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Core;
using Stowage.Api.Storage;
using Stowage.Server.Errors;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>
/// PersistentVolumeClaims: status owned by the status subresource; admission guards growth
/// (PersistentVolumeClaimResize).
/// </summary>
/// <remarks>
/// Unlike kube-apiserver's DefaultStorageClass admission, a claim without a class is NOT given the
/// default class here: the volume controller gives it the default class only after finding no
/// pre-provisioned volume without a class that satisfies it (Kubernetes' retroactive default-class
/// assignment). With admission defaulting, a default class would make every class-less claim skip the
/// administrator's static volumes — the seeds' walkthroughs (a class-less claim binding to a class-less
/// NFS volume) and dynamic provisioning could not both work on one cluster.
/// </remarks>
public sealed class PersistentVolumeClaimStrategy : ResourceStrategy<PersistentVolumeClaim>
{
    /// <summary>The finalizer admission adds (see <see cref="DefaultFinalizers"/>).</summary>
    public const string ProtectionFinalizer = "kubernetes.io/pvc-protection";

    /// <summary>The beta class annotation that overrides spec.storageClassName.</summary>
    public const string BetaClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <inheritdoc/>
    public override JsonTypeInfo<PersistentVolumeClaim> TypeInfo => ApiJsonContext.Default.PersistentVolumeClaim;

    /// <inheritdoc/>
    public override TablePrinter<PersistentVolumeClaim> Printer => PersistentVolumeClaimPrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<PersistentVolumeClaim, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<PersistentVolumeClaim, string?>>
        {
            ["status.phase"] = pvc => pvc.Status?.Phase ?? "",
            ["spec.volumeName"] = pvc => pvc.Spec?.VolumeName ?? "",
        };

    /// <summary>
    /// The StorageObjectInUseProtection admission plugin (enabled by default in Kubernetes) adds
    /// <c>kubernetes.io/pvc-protection</c> to every new object, so that a claim is not removed while a pod uses it; the protection
    /// controller adds it only to objects that lack it.
    /// </summary>
    public override IReadOnlyList<string> DefaultFinalizers(PersistentVolumeClaim obj) => [ProtectionFinalizer];

    /// <inheritdoc/>
    public override PersistentVolumeClaim PrepareForCreate(PersistentVolumeClaim obj, DateTimeOffset now) =>
        obj with { Status = new PersistentVolumeClaimStatus { Phase = "Pending" } };

    /// <inheritdoc/>
    public override PersistentVolumeClaim PrepareForUpdate(PersistentVolumeClaim obj, PersistentVolumeClaim old, DateTimeOffset now) =>
        obj with { Status = old.Status };

    /// <inheritdoc/>
    public override PersistentVolumeClaim PrepareForStatusUpdate(PersistentVolumeClaim obj, PersistentVolumeClaim old, DateTimeOffset now) =>
        StatusWrites.KeepAllButStatus(old, obj) with { Status = obj.Status };

    /// <inheritdoc/>
    public override async ValueTask<PersistentVolumeClaim> AdmitAsync(AdmissionRequest<PersistentVolumeClaim> request, CancellationToken cancellationToken)
    {
        var claim = request.Object;
        if (request.Operation == AdmissionOperation.Update && request.Subresource is null && request.OldObject is { } old)
        {
            await AdmitResizeAsync(claim, old, request.Resources, cancellationToken).ConfigureAwait(false);
        }
        return claim;
    }


    /// <summary>The claim's class: the beta annotation first, then the field, else "".</summary>
    public static string ClassOf(PersistentVolumeClaim claim) =>
        claim.Metadata.Annotations?.GetValueOrDefault(BetaClassAnnotation) ?? claim.Spec?.StorageClassName ?? "";

    private static async Task AdmitResizeAsync(PersistentVolumeClaim claim, PersistentVolumeClaim old, ResourceCatalog resources, CancellationToken cancellationToken)
    {
        var newSize = claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage");
        var oldSize = old.Spec?.Resources?.Requests?.GetValueOrDefault("storage");
        if (newSize is null || oldSize is null || newSize.Value <= oldSize.Value)
        {
            return;
        }
        var name = claim.Metadata.Name!;
        if (old.Status?.Phase != "Bound")
        {
            throw new ApiException(StatusErrors.Forbidden("persistentvolumeclaims", "", name, "Only bound persistent volume claims can be expanded"));
        }
        var oldClass = ClassOf(old);
        var newClass = ClassOf(claim);
        var sc = oldClass.Length == 0 || oldClass != newClass
            ? null
            : await resources.Store<StorageClass>("storage.k8s.io").TryGetAsync(null, oldClass, cancellationToken).ConfigureAwait(false);
        if (sc?.AllowVolumeExpansion != true)
        {
            throw new ApiException(StatusErrors.Forbidden("persistentvolumeclaims", "", name,
                "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize"));
        }
    }

    /// <inheritdoc/>
    public override PersistentVolumeClaim Default(PersistentVolumeClaim obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(PersistentVolumeClaim obj) => PersistentVolumeClaimValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(PersistentVolumeClaim obj, PersistentVolumeClaim old) => PersistentVolumeClaimValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(PersistentVolumeClaim obj, PersistentVolumeClaim old) => PersistentVolumeClaimValidation.ValidateStatusUpdate(obj, old);
}
