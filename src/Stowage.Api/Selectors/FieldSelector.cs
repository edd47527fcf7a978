using System.Globalization;
using System.Text;

namespace Stowage.Api.Selectors;

/// <summary>
/// A parsed <c>?fieldSelector=</c> (Kubernetes' <c>fields.Selector</c>): the AND of terms
/// <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> separated by commas.
/// </summary>
/// <remarks>
/// In values, <c>\,</c>, <c>\=</c> and <c>\\</c> stand for <c>,</c>, <c>=</c> and <c>\</c>; any other
/// escape, a trailing backslash or an unescaped <c>=</c> in a value is an error. Field names are
/// not escaped: a term splits at its first operator. Empty terms are skipped and terms are sorted
/// (as written), so the order of the input does not matter. Which fields are supported depends
/// on the resource; see <see cref="TryValidateFields"/>.
/// </remarks>
public sealed class FieldSelector
{
    private readonly FieldSelectorRequirement[] _requirements;

    private FieldSelector(FieldSelectorRequirement[] requirements) => _requirements = requirements;

    /// <summary>Matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, all of which must hold.</summary>
    public IReadOnlyList<FieldSelectorRequirement> Requirements => _requirements;

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>Parses a selector; on failure <paramref name="error"/> holds Kubernetes' message.</summary>
    public static bool TryParse(string? text, out FieldSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        text ??= "";
        var terms = SplitTerms(text);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldSelectorRequirement>();
        foreach (string term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }
            if (!TrySplitTerm(term, out string field, out var op, out string escapedValue))
            {
                error = $"invalid selector: '{text}'; can't understand '{term}'";
                return false;
            }
            if (!TryUnescapeValue(escapedValue, out string value, out error))
            {
                return false;
            }
            // Kubernetes drops a term whose field and value are both empty ("=" alone).
            if (field.Length > 0 || value.Length > 0)
            {
                requirements.Add(new FieldSelectorRequirement(field, op, value));
            }
        }
        selector = new FieldSelector([.. requirements]);
        return true;
    }

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static FieldSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <summary>A selector requiring each field to equal its value; <c>null</c> is <see cref="Everything"/>.</summary>
    public static FieldSelector FromSet(IReadOnlyDictionary<string, string>? fields) =>
        fields is null
            ? Everything
            : new(fields.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => new FieldSelectorRequirement(entry.Key, FieldSelectorOperator.Equal, entry.Value))
                .ToArray());

    /// <summary>Whether every term holds; <paramref name="getField"/> returns a field's value or <c>null</c>.</summary>
    public bool Matches(Func<string, string?> getField)
    {
        ArgumentNullException.ThrowIfNull(getField);
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(getField(requirement.Field)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether every term holds for a set of field values.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Matches(field => fields.TryGetValue(field, out var value) ? value : null);
    }

    /// <summary>Whether a term requires <paramref name="field"/> to equal a value, and which (<c>RequiresExactMatch</c>).</summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Operator == FieldSelectorOperator.Equal && requirement.Field == field)
            {
                value = requirement.Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <summary>
    /// Checks every field against the fields a resource supports; the first other one gives
    /// Kubernetes' message <c>field label not supported: &lt;field&gt;</c> (a 400 Bad Request).
    /// </summary>
    public bool TryValidateFields(Func<string, bool> isSupported, out string? error)
    {
        ArgumentNullException.ThrowIfNull(isSupported);
        foreach (var requirement in _requirements)
        {
            if (!isSupported(requirement.Field))
            {
                error = "field label not supported: " + requirement.Field;
                return false;
            }
        }
        error = null;
        return true;
    }

    /// <summary>The selector syntax, terms joined by commas, values escaped.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    /// <summary>Escapes <c>\</c>, <c>,</c> and <c>=</c> in a value.</summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal);
    }

    /// <summary>Removes the escapes of a value; fails with Kubernetes' message on a bad escape.</summary>
    public static bool TryUnescapeValue(string escaped, out string value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        value = escaped;
        error = null;
        if (escaped.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return true;
        }
        var builder = new StringBuilder(escaped.Length);
        bool inSlash = false;
        foreach (var rune in escaped.EnumerateRunes())
        {
            if (inSlash)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    error = "invalid field selector: invalid escape sequence: \\" + rune;
                    return false;
                }
                builder.Append(rune.ToString());
                inSlash = false;
                continue;
            }
            switch (rune.Value)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // Kubernetes prints the character's code point (Go's %v of a rune).
                    error = "invalid field selector: unescaped character in value: " + rune.Value.ToString(CultureInfo.InvariantCulture);
                    return false;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }
        if (inSlash)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return false;
        }
        value = builder.ToString();
        return true;
    }

    // Splits on commas not escaped by a backslash; escapes stay in the terms.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        if (text.Length == 0)
        {
            return terms;
        }
        int start = 0;
        bool inSlash = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inSlash)
            {
                inSlash = false;
            }
            else if (c == '\\')
            {
                inSlash = true;
            }
            else if (c == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    // Splits at the first operator; "!=" and "==" are tried before "=" at each position.
    private static bool TrySplitTerm(string term, out string field, out FieldSelectorOperator op, out string value)
    {
        for (int i = 0; i < term.Length; i++)
        {
            if (string.CompareOrdinal(term, i, "!=", 0, 2) == 0)
            {
                (field, op, value) = (term[..i], FieldSelectorOperator.NotEqual, term[(i + 2)..]);
                return true;
            }
            if (string.CompareOrdinal(term, i, "==", 0, 2) == 0)
            {
                (field, op, value) = (term[..i], FieldSelectorOperator.Equal, term[(i + 2)..]);
                return true;
            }
            if (term[i] == '=')
            {
                (field, op, value) = (term[..i], FieldSelectorOperator.Equal, term[(i + 1)..]);
                return true;
            }
        }
        (field, op, value) = ("", FieldSelectorOperator.Equal, "");
        return false;
    }
}
