using Stowage.Api.Storage;

namespace Stowage.Api.Validation;

/// <summary>StorageClass validation (pkg/apis/storage/validation ValidateStorageClass / ValidateStorageClassUpdate).</summary>
public static class StorageClassValidation
{
    private const int MaxProvisionerParameterSize = 256 * (1 << 10);
    private const int MaxProvisionerParameterLen = 512;
    private static readonly string[] SupportedReclaimPolicies = ["Delete", "Retain"];
    private static readonly string[] SupportedVolumeBindingModes = ["Immediate", "WaitForFirstConsumer"];

    /// <summary>A class on create (after defaulting: reclaimPolicy and volumeBindingMode are set).</summary>
    public static IReadOnlyList<FieldError> Validate(StorageClass sc)
    {
        ArgumentNullException.ThrowIfNull(sc);
        var errs = new List<FieldError>();
        errs.AddRange(ObjectMetaValidation.ValidateObjectMeta(sc.Metadata, false, ObjectMetaValidation.DnsSubdomainName));

        var provisioner = FieldPath.Root("provisioner");
        if (sc.Provisioner.Length == 0)
        {
            errs.Add(FieldErrors.Required(provisioner));
        }
        else
        {
            errs.AddRange(ValidationPrimitives.IsQualifiedName(sc.Provisioner.ToLowerInvariant()).Select(m => FieldErrors.Invalid(provisioner, sc.Provisioner, m)));
        }

        errs.AddRange(Parameters(sc.Parameters, FieldPath.Root("parameters")));

        if (!string.IsNullOrEmpty(sc.ReclaimPolicy) && !SupportedReclaimPolicies.Contains(sc.ReclaimPolicy, StringComparer.Ordinal))
        {
            errs.Add(FieldErrors.NotSupported(FieldPath.Root("reclaimPolicy"), sc.ReclaimPolicy, SupportedReclaimPolicies));
        }
        if (sc.VolumeBindingMode is null)
        {
            errs.Add(FieldErrors.Required(FieldPath.Root("volumeBindingMode")));
        }
        else if (!SupportedVolumeBindingModes.Contains(sc.VolumeBindingMode, StringComparer.Ordinal))
        {
            errs.Add(FieldErrors.NotSupported(FieldPath.Root("volumeBindingMode"), sc.VolumeBindingMode, SupportedVolumeBindingModes));
        }
        errs.AddRange(NodeSelectorRules.ValidateAllowedTopologies(sc.AllowedTopologies, FieldPath.Root("allowedTopologies")));
        return errs;
    }

    /// <summary>
    /// A class on update: everything of <see cref="Validate"/>, plus parameters, provisioner and
    /// reclaimPolicy cannot change and volumeBindingMode is immutable. allowVolumeExpansion,
    /// mountOptions, allowedTopologies, labels and annotations stay mutable.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(StorageClass newSc, StorageClass oldSc)
    {
        ArgumentNullException.ThrowIfNull(newSc);
        ArgumentNullException.ThrowIfNull(oldSc);
        var errs = Validate(newSc).ToList();
        errs.AddRange(ObjectMetaValidation.ValidateObjectMetaUpdate(newSc.Metadata, oldSc.Metadata));
        if (!SameParameters(newSc.Parameters, oldSc.Parameters))
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("parameters"), "updates to parameters are forbidden."));
        }
        if (newSc.Provisioner != oldSc.Provisioner)
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("provisioner"), "updates to provisioner are forbidden."));
        }
        if ((newSc.ReclaimPolicy ?? "") != (oldSc.ReclaimPolicy ?? ""))
        {
            errs.Add(FieldErrors.Forbidden(FieldPath.Root("reclaimPolicy"), "updates to reclaimPolicy are forbidden."));
        }
        if (newSc.VolumeBindingMode != oldSc.VolumeBindingMode)
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("volumeBindingMode"), newSc.VolumeBindingMode, ValidationMessages.FieldImmutable));
        }
        // Metadata rules run twice (update and create), as in Kubernetes, which reports each
        // distinct message once.
        return errs.Distinct().ToList();
    }

    private static IEnumerable<FieldError> Parameters(IReadOnlyDictionary<string, string>? parameters, FieldPath path)
    {
        if (parameters is null)
        {
            yield break;
        }
        if (parameters.Count > MaxProvisionerParameterLen)
        {
            // Kubernetes reuses TooLong (a byte limit) for the count limit.
            yield return FieldErrors.TooLong(path, MaxProvisionerParameterLen);
            yield break;
        }
        long total = 0;
        foreach (var (key, value) in parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key.Length < 1)
            {
                yield return FieldErrors.Invalid(path, key, "field can not be empty.");
            }
            total += GoText.Len(key) + GoText.Len(value);
        }
        if (total > MaxProvisionerParameterSize)
        {
            yield return FieldErrors.TooLong(path, MaxProvisionerParameterSize);
        }
    }

    // reflect.DeepEqual on maps: nil and empty differ.
    private static bool SameParameters(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a is null || b is null)
            ? a is null && b is null
            : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
