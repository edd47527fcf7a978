using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>ConfigMap validation (ValidateConfigMap, ValidateConfigMapUpdate).</summary>
public static class ConfigMapValidation
{
    /// <summary>A config map on create: valid keys, no key in both data and binaryData, at most 1 MiB in total.</summary>
    public static IReadOnlyList<FieldError> Validate(ConfigMap cm)
    {
        ArgumentNullException.ThrowIfNull(cm);
        var errs = ObjectMetaValidation.ValidateObjectMeta(cm.Metadata, true, ObjectMetaValidation.DnsSubdomainName).ToList();
        var binary = cm.BinaryData ?? new Dictionary<string, byte[]>();
        long total = 0;
        foreach (var (key, value) in (cm.Data ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var path = FieldPath.Root("data").Key(key);
            errs.AddRange(ValidationPrimitives.IsConfigMapKey(key).Select(m => FieldErrors.Invalid(path, key, m)));
            if (binary.ContainsKey(key))
            {
                errs.Add(FieldErrors.Invalid(path, key, "duplicate of key present in binaryData"));
            }
            total += GoText.Len(value ?? "");
        }
        foreach (var (key, value) in binary.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var path = FieldPath.Root("binaryData").Key(key);
            errs.AddRange(ValidationPrimitives.IsConfigMapKey(key).Select(m => FieldErrors.Invalid(path, key, m)));
            total += value?.Length ?? 0;
        }
        if (total > SecretValidation.MaxSecretSize)
        {
            // The empty path means "the whole object", as in Kubernetes.
            errs.Add(FieldErrors.TooLong(FieldPath.Root(""), SecretValidation.MaxSecretSize));
        }
        return errs;
    }

    /// <summary>A config map on update: an immutable one stays immutable and keeps data and binaryData.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(ConfigMap newCm, ConfigMap oldCm)
    {
        ArgumentNullException.ThrowIfNull(newCm);
        ArgumentNullException.ThrowIfNull(oldCm);
        var errs = ObjectMetaValidation.ValidateObjectMetaUpdate(newCm.Metadata, oldCm.Metadata).ToList();
        if (oldCm.Immutable == true)
        {
            if (newCm.Immutable != true)
            {
                errs.Add(FieldErrors.Forbidden(FieldPath.Root("immutable"), "field is immutable when `immutable` is set"));
            }
            if (!DataEquality.SameStrings(newCm.Data, oldCm.Data))
            {
                errs.Add(FieldErrors.Forbidden(FieldPath.Root("data"), "field is immutable when `immutable` is set"));
            }
            if (!DataEquality.SameBytes(newCm.BinaryData, oldCm.BinaryData))
            {
                errs.Add(FieldErrors.Forbidden(FieldPath.Root("binaryData"), "field is immutable when `immutable` is set"));
            }
        }
        errs.AddRange(Validate(newCm));
        // Metadata rules run twice (update and create), as in Kubernetes, which reports each
        // distinct message once.
        return errs.Distinct().ToList();
    }
}
