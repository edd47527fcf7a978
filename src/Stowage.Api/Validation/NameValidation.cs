using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Stowage.Api.Validation;

/// <summary>
/// Kubernetes' name and label format checks (<c>k8s.io/apimachinery/pkg/util/validation</c>), each
/// returning Kubernetes' exact messages, or none when the value is valid. Lengths are counted in
/// UTF-8 bytes, as Go does.
/// </summary>
public static partial class NameValidation
{
    /// <summary>Maximum length of a DNS-1123 label.</summary>
    public const int DNS1123LabelMaxLength = 63;

    /// <summary>Maximum length of a DNS-1123 subdomain.</summary>
    public const int DNS1123SubdomainMaxLength = 253;

    /// <summary>Maximum length of a DNS-1035 label.</summary>
    public const int DNS1035LabelMaxLength = 63;

    /// <summary>Maximum length of the name part of a qualified name.</summary>
    public const int QualifiedNameMaxLength = 63;

    /// <summary>Maximum length of a label value.</summary>
    public const int LabelValueMaxLength = 63;

    private const string DNS1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string DNS1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string DNS1123SubdomainFormat = DNS1123LabelFormat + "(\\." + DNS1123LabelFormat + ")*";
    private const string DNS1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string DNS1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string DNS1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>A DNS (RFC 1123) label: lower-case alphanumerics and '-', at most 63 bytes.</summary>
    public static IReadOnlyList<string> IsDNS1123Label(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (ByteLength(value) > DNS1123LabelMaxLength)
        {
            errors.Add(MaxLenError(DNS1123LabelMaxLength));
        }
        if (!DNS1123LabelRegex().IsMatch(value))
        {
            // A valid subdomain that is not a label can only differ by its dots.
            errors.Add(DNS1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError(DNS1123LabelMessage, DNS1123LabelFormat, "my-name", "123-abc"));
        }
        return errors;
    }

    /// <summary>A DNS (RFC 1123) subdomain: dot-separated labels, at most 253 bytes (object names).</summary>
    public static IReadOnlyList<string> IsDNS1123Subdomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (ByteLength(value) > DNS1123SubdomainMaxLength)
        {
            errors.Add(MaxLenError(DNS1123SubdomainMaxLength));
        }
        if (!DNS1123SubdomainRegex().IsMatch(value))
        {
            errors.Add(RegexError(DNS1123SubdomainMessage, DNS1123SubdomainFormat, "example.com"));
        }
        return errors;
    }

    /// <summary>A DNS (RFC 1035) label: like a DNS-1123 label but starting with a letter.</summary>
    public static IReadOnlyList<string> IsDNS1035Label(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (ByteLength(value) > DNS1035LabelMaxLength)
        {
            errors.Add(MaxLenError(DNS1035LabelMaxLength));
        }
        if (!DNS1035LabelRegex().IsMatch(value))
        {
            errors.Add(RegexError(DNS1035LabelMessage, DNS1035LabelFormat, "my-name", "abc-123"));
        }
        return errors;
    }

    /// <summary>
    /// A qualified name (label and annotation keys, finalizers): an optional DNS-1123 subdomain
    /// prefix and '/', then a name of at most 63 bytes of alphanumerics, '-', '_' and '.'.
    /// </summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        string[] parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                string prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part " + EmptyError());
                }
                else
                {
                    errors.AddRange(IsDNS1123Subdomain(prefix).Select(message => "prefix part " + message));
                }
                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyError());
        }
        else if (ByteLength(name) > QualifiedNameMaxLength)
        {
            errors.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        }
        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /// <summary>A label value: empty, or at most 63 bytes of alphanumerics, '-', '_' and '.'.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength)
        {
            errors.Add(MaxLenError(LabelValueMaxLength));
        }
        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /// <summary>Kubernetes' "string too long" explanation.</summary>
    public static string MaxLenError(int length) =>
        $"must be no more than {length.ToString(CultureInfo.InvariantCulture)} characters";

    /// <summary>Kubernetes' "must not be empty" explanation.</summary>
    public static string EmptyError() => "must be non-empty";

    /// <summary>
    /// Kubernetes' regex failure explanation, examples included verbatim (with its double spaces:
    /// <c>(e.g. 'a',  or 'b', regex used for validation is '…')</c>).
    /// </summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + format + "')";
        }
        var builder = new StringBuilder(message).Append(" (e.g. ");
        for (int i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" or ");
            }
            builder.Append('\'').Append(examples[i]).Append("', ");
        }
        return builder.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    // \z rather than $: .NET's $ also matches before a final newline.
    [GeneratedRegex("^" + DNS1123LabelFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DNS1123LabelRegex();

    [GeneratedRegex("^" + DNS1123SubdomainFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DNS1123SubdomainRegex();

    [GeneratedRegex("^" + DNS1035LabelFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DNS1035LabelRegex();

    [GeneratedRegex("^" + QualifiedNameFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();
}
