using System.Text;

namespace Stowage.Api.Validation;

/// <summary>
/// Validation of <c>metadata.labels</c> and <c>metadata.annotations</c> with Kubernetes' rules and
/// messages. Map entries are checked in ordinal key order so results are deterministic (Kubernetes
/// walks a Go map, in random order).
/// </summary>
public static class MetadataValidation
{
    /// <summary>The most bytes all annotation keys and values may take together (256 KiB).</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    /// <summary>A label key must be a qualified name.</summary>
    public static IReadOnlyList<FieldError> ValidateLabelName(string labelName, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(labelName);
        return NameValidation.IsQualifiedName(labelName)
            .Select(message => FieldError.Invalid(fieldPath, labelName, message))
            .ToList();
    }

    /// <summary>
    /// Keys must be qualified names and values valid label values; every error is reported at
    /// <paramref name="fieldPath"/> (e.g. <c>metadata.labels</c>), as Kubernetes does.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateLabels(IReadOnlyDictionary<string, string>? labels, string fieldPath)
    {
        var errors = new List<FieldError>();
        if (labels is null)
        {
            return errors;
        }
        foreach (var (key, value) in labels.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            errors.AddRange(ValidateLabelName(key, fieldPath));
            errors.AddRange(NameValidation.IsValidLabelValue(value ?? "")
                .Select(message => FieldError.Invalid(fieldPath, value, message)));
        }
        return errors;
    }

    /// <summary>
    /// Keys must be qualified names once lower-cased, and keys and values together may take at
    /// most <see cref="TotalAnnotationSizeLimitBytes"/> bytes
    /// (<c>metadata.annotations: Too long: may not be more than 262144 bytes</c>).
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, string fieldPath)
    {
        var errors = new List<FieldError>();
        if (annotations is null)
        {
            return errors;
        }
        long totalBytes = 0;
        foreach (var (key, value) in annotations.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            // The rule is a qualified name, except that case does not matter.
            errors.AddRange(NameValidation.IsQualifiedName(key.ToLowerInvariant())
                .Select(message => FieldError.Invalid(fieldPath, key, message)));
            totalBytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }
        if (totalBytes > TotalAnnotationSizeLimitBytes)
        {
            errors.Add(FieldError.TooLong(fieldPath, TotalAnnotationSizeLimitBytes));
        }
        return errors;
    }
}
