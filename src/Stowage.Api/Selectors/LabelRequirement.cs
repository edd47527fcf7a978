using System.Globalization;
using System.Text;
using Stowage.Api.Quantities;
using Stowage.Api.Validation;

namespace Stowage.Api.Selectors;

/// <summary>
/// One term of a label <see cref="Selector"/>: a key, an operator and values
/// (Kubernetes' <c>labels.Requirement</c>). Create it with <see cref="TryCreate"/>, which applies
/// <c>labels.NewRequirement</c>'s checks and messages.
/// </summary>
public sealed class LabelRequirement
{
    private static readonly string[] ValidOperators = ["in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"];

    private readonly string[] _values;

    private LabelRequirement(string key, SelectionOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        _values = values;
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>The operator.</summary>
    public SelectionOperator Operator { get; }

    /// <summary>The values, in the order given (the parser gives them sorted and distinct).</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>
    /// Checks and creates a requirement: the key must be a qualified name; In/NotIn need values,
    /// =/==/!= exactly one, Exists/DoesNotExist none, Gt/Lt exactly one integer; every value must
    /// be a valid label value. Field paths start at <paramref name="fieldPath"/> (none by default,
    /// giving <c>key</c>, <c>values[0]</c>...).
    /// </summary>
    /// <param name="key">The label key.</param>
    /// <param name="op">The operator.</param>
    /// <param name="values">The values; <c>null</c> and empty differ only in how an error prints them.</param>
    /// <param name="requirement">The requirement, when there are no errors.</param>
    /// <param name="errors">Kubernetes' field errors; join them with <see cref="FieldError.Join"/>.</param>
    /// <param name="fieldPath">A prefix for the field paths of the errors.</param>
    public static bool TryCreate(
        string key,
        SelectionOperator op,
        IEnumerable<string>? values,
        out LabelRequirement? requirement,
        out IReadOnlyList<FieldError> errors,
        string? fieldPath = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[]? given = values?.ToArray();
        string[] list = given ?? [];
        var found = new List<FieldError>();

        var keyMessages = NameValidation.IsQualifiedName(key);
        if (keyMessages.Count > 0)
        {
            found.Add(FieldError.Invalid(Child(fieldPath, "key"), key, string.Join("; ", keyMessages)));
        }

        string valuesPath = Child(fieldPath, "values");
        switch (op)
        {
            case SelectionOperator.In or SelectionOperator.NotIn:
                if (list.Length == 0)
                {
                    found.Add(InvalidValues(valuesPath, given, "for 'in', 'notin' operators, values set can't be empty"));
                }
                break;
            case SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.NotEqual:
                if (list.Length != 1)
                {
                    found.Add(InvalidValues(valuesPath, given, "exact-match compatibility requires one single value"));
                }
                break;
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist:
                if (list.Length != 0)
                {
                    found.Add(InvalidValues(valuesPath, given, "values set must be empty for exists and does not exist"));
                }
                break;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (list.Length != 1)
                {
                    found.Add(InvalidValues(valuesPath, given, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < list.Length; i++)
                {
                    if (!TryParseInteger(list[i], out _))
                    {
                        found.Add(FieldError.Invalid(Index(valuesPath, i), list[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
                break;
            default:
                found.Add(FieldError.NotSupported(Child(fieldPath, "operator"), op.ToString(), ValidOperators));
                break;
        }

        for (int i = 0; i < list.Length; i++)
        {
            var valueMessages = NameValidation.IsValidLabelValue(list[i]);
            if (valueMessages.Count > 0)
            {
                found.Add(FieldError.Invalid(Index(valuesPath, i) + "[" + key + "]", list[i], string.Join("; ", valueMessages)));
            }
        }

        errors = found;
        requirement = found.Count == 0 ? new LabelRequirement(key, op, list) : null;
        return requirement is not null;
    }

    /// <summary>A requirement without the checks of <see cref="TryCreate"/>, for already valid input.</summary>
    internal static LabelRequirement CreateUnchecked(string key, SelectionOperator op, params string[] values) => new(key, op, values);

    /// <summary>
    /// Whether the labels satisfy the requirement. An absent key satisfies NotIn, != and
    /// DoesNotExist; <c>null</c> labels are an empty set.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        bool exists = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case SelectionOperator.In or SelectionOperator.Equal or SelectionOperator.DoubleEqual:
                return exists && HasValue(value!);
            case SelectionOperator.NotIn or SelectionOperator.NotEqual:
                return !exists || !HasValue(value!);
            case SelectionOperator.Exists:
                return exists;
            case SelectionOperator.DoesNotExist:
                return !exists;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (!exists || _values.Length != 1
                    || !TryParseInteger(value!, out long actual) || !TryParseInteger(_values[0], out long bound))
                {
                    return false;
                }
                return Operator == SelectionOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>
    /// The selector syntax of the requirement, values sorted: <c>x in (a,b)</c>, <c>!x</c>,
    /// <c>x!=a</c>, <c>x&gt;1</c>.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        if (Operator == SelectionOperator.DoesNotExist)
        {
            builder.Append('!');
        }
        builder.Append(Key);
        string? symbol = Operator switch
        {
            SelectionOperator.Equal => "=",
            SelectionOperator.DoubleEqual => "==",
            SelectionOperator.NotEqual => "!=",
            SelectionOperator.In => " in ",
            SelectionOperator.NotIn => " notin ",
            SelectionOperator.GreaterThan => ">",
            SelectionOperator.LessThan => "<",
            _ => null,
        };
        if (symbol is null)
        {
            return builder.ToString();
        }
        builder.Append(symbol);
        bool isSet = Operator is SelectionOperator.In or SelectionOperator.NotIn;
        if (isSet)
        {
            builder.Append('(');
        }
        // Values print sorted, without changing the stored order.
        string[] printed = _values.Length == 1 ? _values : [.. _values.Order(StringComparer.Ordinal)];
        builder.AppendJoin(",", printed);
        if (isSet)
        {
            builder.Append(')');
        }
        return builder.ToString();
    }

    private bool HasValue(string value) => Array.IndexOf(_values, value) >= 0;

    // Go's strconv.ParseInt(s, 10, 64).
    private static bool TryParseInteger(string text, out long value) => GoInt.TryParseInt64(text, out value, out _);

    // Kubernetes prints the values slice with %#v: []string{"a", "b"}, or []string(nil).
    private static FieldError InvalidValues(string field, string[]? values, string detail)
    {
        string rendered = values is null
            ? "[]string(nil)"
            : "[]string{" + string.Join(", ", values.Select(GoQuoting.Quote)) + "}";
        return new FieldError(FieldErrorType.Invalid, field, rendered, detail) { QuoteBadValue = false };
    }

    private static string Child(string? path, string name) => string.IsNullOrEmpty(path) ? name : path + "." + name;

    private static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
