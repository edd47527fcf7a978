using Stowage.Api.Core;
using Stowage.Api.Quantities;

namespace Stowage.Api.Validation;

/// <summary>
/// PersistentVolumeClaim validation as kube-apiserver 1.32 runs it (ValidatePersistentVolumeClaim,
/// ValidatePersistentVolumeClaimUpdate, ValidatePersistentVolumeClaimStatusUpdate) with the 1.32
/// gate defaults: RecoverVolumeExpansionFailure on, VolumeAttributesClass off.
/// </summary>
public static class PersistentVolumeClaimValidation
{
    private const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    private static readonly string[] ResizeStatuses =
        ["ControllerResizeInProgress", "ControllerResizeInfeasible", "NodeResizeInProgress", "NodeResizeInfeasible", "NodeResizePending"];

    private sealed record Options(bool AllowInvalidLabelValueInSelector, bool AllowInvalidApiGroup, bool EnableVolumeAttributesClass);

    /// <summary>A claim on create.</summary>
    public static IReadOnlyList<FieldError> Validate(PersistentVolumeClaim pvc)
    {
        ArgumentNullException.ThrowIfNull(pvc);
        return Validate(pvc, new Options(false, false, FeatureGates.VolumeAttributesClass));
    }

    /// <summary>
    /// A claim on update of the main resource. The whole spec is immutable except: volumeName may be
    /// set once, storageClassName may go from nil to a value (or to the beta annotation's value),
    /// and for a Bound claim resources.requests.storage (which may not shrink to or below
    /// status.capacity). The phase read is that of <paramref name="newPvc"/>, which the server
    /// has already replaced with the stored status (the strategy keeps the old status on update).
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(PersistentVolumeClaim newPvc, PersistentVolumeClaim oldPvc)
    {
        ArgumentNullException.ThrowIfNull(newPvc);
        ArgumentNullException.ThrowIfNull(oldPvc);
        var opts = OptionsForUpdate(oldPvc);
        var newSpec = newPvc.Spec ?? new PersistentVolumeClaimSpec();
        var oldSpec = oldPvc.Spec ?? new PersistentVolumeClaimSpec();
        var newAnnotations = newPvc.Metadata.Annotations ?? new Dictionary<string, string>();
        var oldAnnotations = oldPvc.Metadata.Annotations ?? new Dictionary<string, string>();

        var errs = new List<FieldError>();
        errs.AddRange(ObjectMetaValidation.ValidateObjectMetaUpdate(newPvc.Metadata, oldPvc.Metadata));
        errs.AddRange(Validate(newPvc, opts));

        var newClone = newSpec;
        var oldClone = oldSpec;
        if (string.IsNullOrEmpty(oldSpec.VolumeName))
        {
            // volumeName may be set once (the binder does it).
            oldClone = oldClone with { VolumeName = newSpec.VolumeName };
        }

        if (StorageClassUpgradeFromAnnotation(oldAnnotations, newAnnotations, oldSpec.StorageClassName, newSpec.StorageClassName))
        {
            newClone = newClone with { StorageClassName = null };
        }
        else
        {
            newAnnotations.TryGetValue(BetaStorageClassAnnotation, out var newBeta);
            oldAnnotations.TryGetValue(BetaStorageClassAnnotation, out var oldBeta);
            if (!string.Equals(newBeta ?? "", oldBeta ?? "", StringComparison.Ordinal))
            {
                errs.Add(FieldErrors.Invalid(FieldPath.Root("metadata").Child("annotations").Child(BetaStorageClassAnnotation),
                    newBeta ?? "", ValidationMessages.FieldImmutable));
            }
            if (StorageClassUpgradeFromNil(oldAnnotations, oldSpec.StorageClassName, newSpec.StorageClassName))
            {
                newClone = newClone with { StorageClassName = oldClone.StorageClassName };
            }
        }

        var bound = newPvc.Status?.Phase == "Bound";
        if (bound && newClone.Resources?.Requests is not null)
        {
            var requests = newClone.Resources.Requests.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            requests["storage"] = StorageOf(oldSpec.Resources?.Requests);
            newClone = newClone with { Resources = newClone.Resources with { Requests = requests } };
        }
        if (bound && newClone.VolumeAttributesClassName is not null)
        {
            newClone = newClone with { VolumeAttributesClassName = oldClone.VolumeAttributesClassName };
        }

        if (SemanticJson.Difference(oldClone, newClone, ApiJsonContext.Default.PersistentVolumeClaimSpec) is { } specDiff)
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("spec"),
                "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"
                + specDiff));
        }

        var oldSize = StorageOf(oldSpec.Resources?.Requests);
        var newSize = StorageOf(newSpec.Resources?.Requests);
        var statusSize = StorageOf(oldPvc.Status?.Capacity);
        var sizePath = FieldPath.Root("spec").Child("resources").Child("requests").Child("storage");
        if (newSize.CompareTo(oldSize) < 0)
        {
            if (!FeatureGates.RecoverVolumeExpansionFailure)
            {
                errs.Add(FieldErrors.Forbidden(sizePath, "field can not be less than previous value"));
            }
            else if (newSize.CompareTo(statusSize) <= 0)
            {
                // Shrinking is only allowed to recover from a failed expansion, down to just above
                // what the volume really has.
                errs.Add(FieldErrors.Forbidden(sizePath, "field can not be less than status.capacity"));
            }
        }

        // Reported at "volumeMode", not "spec.volumeMode", as in Kubernetes.
        if (!string.Equals(newSpec.VolumeMode, oldSpec.VolumeMode, StringComparison.Ordinal))
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("volumeMode"), newSpec.VolumeMode, ValidationMessages.FieldImmutable));
        }

        if (!string.Equals(oldSpec.VolumeAttributesClassName, newSpec.VolumeAttributesClassName, StringComparison.Ordinal))
        {
            var vacPath = FieldPath.Root("spec").Child("volumeAttributesClassName");
            if (!FeatureGates.VolumeAttributesClass)
            {
                errs.Add(FieldErrors.Forbidden(vacPath, "update is forbidden when the VolumeAttributesClass feature gate is disabled"));
            }
            if (opts.EnableVolumeAttributesClass && oldSpec.VolumeAttributesClassName is not null)
            {
                if (newSpec.VolumeAttributesClassName is null)
                {
                    errs.Add(FieldErrors.Forbidden(vacPath, "update from non-nil value to nil is forbidden"));
                }
                else if (newSpec.VolumeAttributesClassName.Length == 0)
                {
                    errs.Add(FieldErrors.Forbidden(vacPath, "update from non-nil value to an empty string is forbidden"));
                }
            }
        }
        // Metadata rules run twice (update and create), as in Kubernetes, which reports each
        // distinct message once.
        return errs.Distinct().ToList();
    }

    /// <summary>
    /// A write to the status subresource: metadata rules, a resourceVersion, non-empty access modes
    /// (at Kubernetes' "Spec.accessModes"), valid capacities and resize bookkeeping.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateStatusUpdate(PersistentVolumeClaim newPvc, PersistentVolumeClaim oldPvc)
    {
        ArgumentNullException.ThrowIfNull(newPvc);
        ArgumentNullException.ThrowIfNull(oldPvc);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newPvc.Metadata, oldPvc.Metadata).ToList();
        if (string.IsNullOrEmpty(newPvc.Metadata.ResourceVersion))
        {
            errs.Add(FieldErrors.Required(FieldPath.Root("resourceVersion")));
        }
        if ((newPvc.Spec?.AccessModes ?? []).Count == 0)
        {
            errs.Add(FieldErrors.Required(FieldPath.Root("Spec").Child("accessModes")));
        }
        var status = newPvc.Status ?? new PersistentVolumeClaimStatus();
        var capPath = FieldPath.Root("status").Child("capacity");
        foreach (var (resource, q) in (status.Capacity ?? new Dictionary<string, Quantity>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            errs.AddRange(QuantityRules.Basic(q, capPath.Key(resource)));
        }
        if (FeatureGates.RecoverVolumeExpansionFailure)
        {
            var resizePath = FieldPath.Root("status").Child("allocatedResourceStatus");
            foreach (var (key, value) in (status.AllocatedResourceStatuses ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                errs.AddRange(ResourceKey(key, resizePath));
                if (!ResizeStatuses.Contains(value, StringComparer.Ordinal))
                {
                    // Kubernetes reports the key, not the value, as the unsupported one.
                    errs.Add(FieldErrors.NotSupported(resizePath, key, ResizeStatuses));
                }
            }
            var allocPath = FieldPath.Root("status").Child("allocatedResources");
            foreach (var (resource, q) in (status.AllocatedResources ?? new Dictionary<string, Quantity>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var keyErrors = ResourceKey(resource, allocPath).ToList();
                if (keyErrors.Count > 0)
                {
                    errs.AddRange(keyErrors);
                    continue;
                }
                var basic = QuantityRules.Basic(q, allocPath.Key(resource)).ToList();
                errs.AddRange(basic.Count > 0 ? basic : QuantityRules.Nonnegative(q, allocPath.Key(resource)));
            }
        }
        return errs;
    }

    private static List<FieldError> Validate(PersistentVolumeClaim pvc, Options opts)
    {
        var errs = new List<FieldError>();
        errs.AddRange(ObjectMetaValidation.ValidateObjectMeta(pvc.Metadata, true, ObjectMetaValidation.DnsSubdomainName));
        errs.AddRange(ValidateSpec(pvc.Spec ?? new PersistentVolumeClaimSpec(), FieldPath.Root("spec"), opts));
        return errs;
    }

    private static List<FieldError> ValidateSpec(PersistentVolumeClaimSpec spec, FieldPath fld, Options opts)
    {
        var errs = new List<FieldError>();
        var modes = spec.AccessModes ?? [];
        if (modes.Count == 0)
        {
            errs.Add(FieldErrors.Required(fld.Child("accessModes"), "at least 1 access mode is required"));
        }
        if (spec.Selector is not null)
        {
            errs.AddRange(LabelSelectorRules.Validate(spec.Selector, opts.AllowInvalidLabelValueInSelector, fld.Child("selector")));
        }
        // The Required case is reported above with its own detail, before the selector.
        errs.AddRange(PersistentVolumeValidation.AccessModes(modes, fld.Child("accessModes"), "").Where(e => e.Type != FieldErrorType.Required));

        var storagePath = fld.Child("resources").Key("storage");
        if (spec.Resources?.Requests is not { } requests || !requests.TryGetValue("storage", out var storage))
        {
            errs.Add(FieldErrors.Required(storagePath));
        }
        else
        {
            var positive = QuantityRules.Positive(storage, storagePath).ToList();
            errs.AddRange(positive.Count > 0 ? positive : QuantityRules.Nonnegative(storage, storagePath));
        }

        if (!string.IsNullOrEmpty(spec.StorageClassName))
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.StorageClassName, false)
                .Select(m => FieldErrors.Invalid(fld.Child("storageClassName"), spec.StorageClassName, m)));
        }
        if (spec.VolumeMode is not null && !PersistentVolumeValidation.SupportedVolumeModes.Contains(spec.VolumeMode, StringComparer.Ordinal))
        {
            errs.Add(FieldErrors.NotSupported(fld.Child("volumeMode"), spec.VolumeMode, PersistentVolumeValidation.SupportedVolumeModes));
        }

        if (spec.DataSource is { } ds)
        {
            errs.AddRange(DataSource(ds.Name, ds.Kind, ds.ApiGroup, null, fld.Child("dataSource"), opts.AllowInvalidApiGroup));
        }
        if (spec.DataSourceRef is { } dsr)
        {
            errs.AddRange(DataSource(dsr.Name, dsr.Kind, dsr.ApiGroup, dsr.Namespace, fld.Child("dataSourceRef"), opts.AllowInvalidApiGroup));
        }
        if (!string.IsNullOrEmpty(spec.DataSourceRef?.Namespace))
        {
            if (spec.DataSource is not null)
            {
                // The value Kubernetes prints is the path itself (a field.Path, rendered unquoted).
                errs.Add(FieldErrors.Invalid(fld, fld.Child("dataSource").Text, "may not be specified when dataSourceRef.namespace is specified"));
            }
        }
        else if (spec.DataSource is { } a && spec.DataSourceRef is { } b &&
                 !(a.ApiGroup == b.ApiGroup && a.Kind == b.Kind && a.Name == b.Name))
        {
            errs.Add(FieldErrors.Invalid(fld, fld.Child("dataSource").Text, "must match dataSourceRef"));
        }

        if (!string.IsNullOrEmpty(spec.VolumeAttributesClassName) && opts.EnableVolumeAttributesClass)
        {
            errs.AddRange(ValidationPrimitives.NameIsDnsSubdomain(spec.VolumeAttributesClassName, false)
                .Select(m => FieldErrors.Invalid(fld.Child("volumeAttributesClassName"), spec.VolumeAttributesClassName, m)));
        }
        return errs;
    }

    private static IEnumerable<FieldError> DataSource(string name, string kind, string? apiGroup, string? ns, FieldPath path, bool allowInvalidApiGroup)
    {
        if (name.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("name"));
        }
        if (kind.Length == 0)
        {
            yield return FieldErrors.Required(path.Child("kind"));
        }
        var group = apiGroup ?? "";
        if (group.Length == 0 && kind != "PersistentVolumeClaim")
        {
            yield return FieldErrors.Invalid(path, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup");
        }
        if (group.Length > 0 && !allowInvalidApiGroup)
        {
            foreach (var e in ValidationPrimitives.ValidateDns1123Subdomain(group, path.Child("apiGroup")))
            {
                yield return e;
            }
        }
        if (!string.IsNullOrEmpty(ns))
        {
            foreach (var m in ValidationPrimitives.NameIsDnsLabel(ns, false))
            {
                yield return FieldErrors.Invalid(path.Child("namespace"), ns, m);
            }
        }
    }

    // validatePersistentVolumeClaimResourceKey: a qualified name, and among native resources
    // (no prefix, or a kubernetes.io prefix) only "storage".
    private static IEnumerable<FieldError> ResourceKey(string value, FieldPath path)
    {
        var errs = ValidationPrimitives.ValidateQualifiedName(value, path).ToList();
        if (errs.Count != 0)
        {
            return errs;
        }
        var isNative = !value.Contains('/', StringComparison.Ordinal) || value.Contains("kubernetes.io/", StringComparison.Ordinal);
        return isNative && value != "storage" ? [FieldErrors.NotSupported(path, value, ["storage"])] : [];
    }

    private static Options OptionsForUpdate(PersistentVolumeClaim oldPvc)
    {
        var spec = oldPvc.Spec ?? new PersistentVolumeClaimSpec();
        return new Options(
            AllowInvalidLabelValueInSelector: LabelSelectorRules.HasErrors(spec.Selector),
            AllowInvalidApiGroup: spec.DataSource?.ApiGroup is not null || spec.DataSourceRef?.ApiGroup is not null,
            EnableVolumeAttributesClass: FeatureGates.VolumeAttributesClass || spec.VolumeAttributesClassName is not null);
    }

    private static Quantity StorageOf(IReadOnlyDictionary<string, Quantity>? resources) =>
        resources is not null && resources.TryGetValue("storage", out var q) ? q : Quantity.Zero;

    // validateStorageClassUpgradeFromAnnotation: the class moves from the beta annotation into the
    // field, keeping its value.
    private static bool StorageClassUpgradeFromAnnotation(
        IReadOnlyDictionary<string, string> oldAnnotations, IReadOnlyDictionary<string, string> newAnnotations, string? oldScName, string? newScName) =>
        oldAnnotations.TryGetValue(BetaStorageClassAnnotation, out var oldSc)
        && oldScName is null
        && newScName is not null && newScName == oldSc
        && (!newAnnotations.TryGetValue(BetaStorageClassAnnotation, out var newSc) || newSc == oldSc);

    // validateStorageClassUpgradeFromNil: nil → a class (retroactive default class assignment).
    private static bool StorageClassUpgradeFromNil(IReadOnlyDictionary<string, string> oldAnnotations, string? oldScName, string? newScName) =>
        newScName is not null && oldScName is null
        && (!oldAnnotations.TryGetValue(BetaStorageClassAnnotation, out var oldAnnotation) || newScName == oldAnnotation);
}
