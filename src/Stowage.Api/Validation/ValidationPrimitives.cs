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

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    // Go's regexp "$" matches only at the very end; .NET's would also match before a final
    // newline, hence \z.
    [GeneratedRegex("^" + Dns1123LabelFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^" + QualifiedNameFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^" + ConfigMapKeyFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKeyRegex();

    /// <summary>validation.MaxLenError.</summary>
    public static string MaxLenError(int length) =>
        "must be no more than " + length.ToString(CultureInfo.InvariantCulture) + " characters";

    /// <summary>validation.EmptyError.</summary>
    public static string EmptyError() => "must be non-empty";

    /// <summary>validation.InclusiveRangeError.</summary>
    public static string InclusiveRangeError(long lo, long hi) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {lo} and {hi}, inclusive");

    /// <summary>validation.RegexError.</summary>
    public static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        var text = msg + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                text += " or ";
            }
            text += "'" + examples[i] + "', ";
        }
        return text + "regex used for validation is '" + fmt + "')";
    }

    /// <summary>validation.IsDNS1123Label.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (GoText.Len(value) > Dns1123LabelMaxLength)
        {
            errs.Add(MaxLenError(Dns1123LabelMaxLength));
        }
        if (!Dns1123LabelRegex().IsMatch(value))
        {
            errs.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    /// <summary>validation.IsDNS1123Subdomain.</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (GoText.Len(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        }
        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        }
        return errs;
    }

    /// <summary>validation.IsQualifiedName (an optional DNS subdomain prefix, '/', a name).</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errs.Add("prefix part " + EmptyError());
                }
                else
                {
                    errs.AddRange(IsDns1123Subdomain(prefix).Select(m => "prefix part " + m));
                }
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0)
        {
            errs.Add("name part " + EmptyError());
        }
        else if (GoText.Len(name) > QualifiedNameMaxLength)
        {
            errs.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        }
        if (!QualifiedNameRegex().IsMatch(name))
        {
            errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /// <summary>validation.IsValidLabelValue.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (GoText.Len(value) > LabelValueMaxLength)
        {
            errs.Add(MaxLenError(LabelValueMaxLength));
        }
        if (!LabelValueRegex().IsMatch(value))
        {
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

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
