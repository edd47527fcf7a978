using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Core;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>PersistentVolumes: status owned by the status subresource; a new volume is Pending.</summary>
public sealed class PersistentVolumeStrategy : ResourceStrategy<PersistentVolume>
{
    /// <summary>The finalizer admission adds (see <see cref="DefaultFinalizers"/>).</summary>
    public const string ProtectionFinalizer = "kubernetes.io/pv-protection";

    /// <inheritdoc/>
    public override GarbageCollectionPolicy DefaultGarbageCollectionPolicy => GarbageCollectionPolicy.DeleteDependents;

    /// <inheritdoc/>
    public override JsonTypeInfo<PersistentVolume> TypeInfo => ApiJsonContext.Default.PersistentVolume;

    /// <inheritdoc/>
    public override TablePrinter<PersistentVolume> Printer => PersistentVolumePrinter.Instance;

    /// <inheritdoc/>
    public override bool HasStatus => true;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<PersistentVolume, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<PersistentVolume, string?>>
        {
            ["status.phase"] = pv => pv.Status?.Phase ?? "",
            ["spec.storageClassName"] = pv => pv.Spec?.StorageClassName ?? "",
        };

    /// <summary>
    /// The StorageObjectInUseProtection admission plugin (enabled by default in Kubernetes) adds
    /// <c>kubernetes.io/pv-protection</c> to every new object, so that a volume is not removed while a claim is bound to it; the protection
    /// controller adds it only to objects that lack it.
    /// </summary>
    public override IReadOnlyList<string> DefaultFinalizers(PersistentVolume obj) => [ProtectionFinalizer];

    /// <inheritdoc/>
    public override PersistentVolume PrepareForCreate(PersistentVolume obj, DateTimeOffset now) =>
        obj with { Status = new PersistentVolumeStatus { Phase = "Pending", LastPhaseTransitionTime = now } };

    /// <inheritdoc/>
    public override PersistentVolume PrepareForUpdate(PersistentVolume obj, PersistentVolume old, DateTimeOffset now) =>
        obj with { Status = old.Status };

    /// <inheritdoc/>
    public override PersistentVolume PrepareForStatusUpdate(PersistentVolume obj, PersistentVolume old, DateTimeOffset now)
    {
        var status = obj.Status ?? new PersistentVolumeStatus();
        // Kubernetes stamps the transition time when the phase changes and the writer did not.
        if (status.Phase != old.Status?.Phase && status.LastPhaseTransitionTime == old.Status?.LastPhaseTransitionTime)
        {
            status = status with { LastPhaseTransitionTime = now };
        }
        else if (status.LastPhaseTransitionTime is null)
        {
            status = status with { LastPhaseTransitionTime = old.Status?.LastPhaseTransitionTime };
        }
        return StatusWrites.KeepAllButStatus(old, obj) with { Status = status };
    }

    /// <inheritdoc/>
    public override PersistentVolume Default(PersistentVolume obj) => ApiDefaults.Apply(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(PersistentVolume obj) => PersistentVolumeValidation.Validate(obj);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(PersistentVolume obj, PersistentVolume old) => PersistentVolumeValidation.ValidateUpdate(obj, old);

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateStatusUpdate(PersistentVolume obj, PersistentVolume old) => PersistentVolumeValidation.ValidateStatusUpdate(obj, old);
}
