using System.Globalization;
using System.Text.RegularExpressions;

namespace Stowage.Api.Validation;

/// <summary>
/// The one place every name, label, annotation and qualified-name check goes through, with
/// Kubernetes' exact texts (k8s.io/apimachinery/pkg/util/validation and api/validation). Another
/// component provides the public NameValidation; at merge time this class is repointed to it, so
/// nothing else in Validation/ may implement these rules itself.
/// </summary>
internal static partial class ValidationPrimitives
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int TotalAnnotationSizeLimitBytes = 256 * (1 << 10);

    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    // Go's regexp "$" matches only at the very end; .NET's would also match before a final
    // newline, hence \z.




    [GeneratedRegex("^" + ConfigMapKeyFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKeyRegex();

    /// <summary>validation.MaxLenError.</summary>
    public static string MaxLenError(int length) => NameValidation.MaxLenError(length);

    /// <summary>validation.EmptyError.</summary>
    public static string EmptyError() => NameValidation.EmptyError();

    /// <summary>validation.InclusiveRangeError.</summary>
    public static string InclusiveRangeError(long lo, long hi) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {lo} and {hi}, inclusive");

    /// <summary>validation.RegexError.</summary>
    public static string RegexError(string msg, string fmt, params string[] examples) => NameValidation.RegexError(msg, fmt, examples);

    /// <summary>validation.IsDNS1123Label.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value) => NameValidation.IsDNS1123Label(value);

    /// <summary>validation.IsDNS1123Subdomain.</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value) => NameValidation.IsDNS1123Subdomain(value);

    /// <summary>validation.IsQualifiedName (an optional DNS subdomain prefix, '/', a name).</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value) => NameValidation.IsQualifiedName(value);

    /// <summary>validation.IsValidLabelValue.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value) => NameValidation.IsValidLabelValue(value);

    /// <summary>validation.IsConfigMapKey (keys of ConfigMaps and Secrets).</summary>
    public static IReadOnlyList<string> IsConfigMapKey(string value)
    {
        var errs = new List<string>();
        if (GoText.Len(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        }
        if (!ConfigMapKeyRegex().IsMatch(value))
        {
            errs.Add(RegexError(ConfigMapKeyErrMsg, ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        }
        if (value == ".")
        {
            errs.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errs.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errs.Add("must not start with '..'");
        }
        return errs;
    }

    /// <summary>
    /// apimachinery NameIsDNSSubdomain: with <paramref name="prefix"/> (a generateName), a trailing
    /// '-' is allowed because random characters will follow it.
    /// </summary>
    public static IReadOnlyList<string> NameIsDnsSubdomain(string name, bool prefix) =>
        IsDns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>apimachinery NameIsDNSLabel (namespace names).</summary>
    public static IReadOnlyList<string> NameIsDnsLabel(string name, bool prefix) =>
        IsDns1123Label(prefix ? MaskTrailingDash(name) : name);

    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name[^1] == '-' ? name[..^1] + "a" : name;

    /// <summary>Field errors for a qualified name (ValidateQualifiedName, ValidateLabelName).</summary>
    public static IEnumerable<FieldError> ValidateQualifiedName(string value, FieldPath path) =>
        IsQualifiedName(value).Select(m => FieldErrors.Invalid(path, value, m));

    /// <summary>Field errors for a DNS-1123 label (ValidateDNS1123Label).</summary>
    public static IEnumerable<FieldError> ValidateDns1123Label(string value, FieldPath path) =>
        IsDns1123Label(value).Select(m => FieldErrors.Invalid(path, value, m));

    /// <summary>Field errors for a DNS-1123 subdomain (ValidateDNS1123Subdomain).</summary>
    public static IEnumerable<FieldError> ValidateDns1123Subdomain(string value, FieldPath path) =>
        IsDns1123Subdomain(value).Select(m => FieldErrors.Invalid(path, value, m));

    /// <summary>
    /// metav1 ValidateLabels: every key a qualified name, every value a label value; all errors at
    /// the map's own path (Kubernetes does not key them). Keys are visited in ordinal order so the
    /// output is deterministic (Go's map order is random).
    /// </summary>
    public static IEnumerable<FieldError> ValidateLabels(IReadOnlyDictionary<string, string>? labels, FieldPath path)
    {
        if (labels is null)
        {
            yield break;
        }
        foreach (var (key, value) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var e in ValidateQualifiedName(key, path))
            {
                yield return e;
            }
            foreach (var m in IsValidLabelValue(value))
            {
                yield return FieldErrors.Invalid(path, value, m);
            }
        }
    }

    /// <summary>
    /// apimachinery ValidateAnnotations: keys are qualified names compared lower-cased, and keys plus
    /// values together may not exceed 256 KiB.
    /// </summary>
    public static IEnumerable<FieldError> ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, FieldPath path)
    {
        if (annotations is null)
        {
            yield break;
        }
        long total = 0;
        foreach (var (key, value) in annotations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var m in IsQualifiedName(key.ToLowerInvariant()))
            {
                yield return FieldErrors.Invalid(path, key, m);
            }
            total += GoText.Len(key) + GoText.Len(value);
        }
        if (total > TotalAnnotationSizeLimitBytes)
        {
            yield return FieldErrors.TooLong(path, TotalAnnotationSizeLimitBytes);
        }
    }
}
