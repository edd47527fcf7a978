using Stowage.Api.Validation;

namespace Stowage.Api.Selectors;

/// <summary>
/// A label selector ready to match: the AND of its <see cref="Requirements"/> (Kubernetes'
/// <c>labels.Selector</c>). Parse the query syntax with <see cref="LabelSelectorParser"/>, or
/// convert an API <see cref="LabelSelector"/> with <see cref="TryFromLabelSelector"/>.
/// </summary>
/// <remarks>Immutable. Requirements are kept sorted by key (stable), as Kubernetes sorts them.</remarks>
public sealed class Selector
{
    // Null means "matches nothing", which no list of requirements can express.
    private readonly LabelRequirement[]? _requirements;

    private Selector(LabelRequirement[]? requirements) => _requirements = requirements;

    /// <summary>Matches every label set (the empty selector).</summary>
    public static Selector Everything { get; } = new([]);

    /// <summary>Matches no label set.</summary>
    public static Selector Nothing { get; } = new(null);

    /// <summary>The requirements, all of which must hold; empty for <see cref="Everything"/> and <see cref="Nothing"/>.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements ?? [];

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEmpty => _requirements is { Length: 0 };

    /// <summary>True for <see cref="Nothing"/>.</summary>
    public bool MatchesNothing => _requirements is null;

    /// <summary>A selector of the given requirements, sorted by key.</summary>
    public static Selector FromRequirements(IEnumerable<LabelRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        return new(requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// A selector requiring each key to have exactly its value (<c>labels.SelectorFromSet</c>);
    /// <c>null</c> or empty is <see cref="Everything"/>. The set is not validated.
    /// </summary>
    public static Selector FromSet(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return Everything;
        }
        return FromRequirements(labels.Select(entry => LabelRequirement.CreateUnchecked(key: entry.Key, SelectionOperator.Equal, entry.Value)));
    }

    /// <summary>
    /// Converts an API selector (<c>metav1.LabelSelectorAsSelector</c>): matchLabels become
    /// <c>=</c> requirements and matchExpressions In/NotIn/Exists/DoesNotExist requirements.
    /// An empty selector is <see cref="Everything"/>. A <c>null</c> selector is also
    /// <see cref="Everything"/>: in the API an absent selector (e.g. a claim's) applies no filter.
    /// Fails with Kubernetes' message on an unknown operator or an invalid key or value.
    /// </summary>
    public static bool TryFromLabelSelector(LabelSelector? selector, out Selector result, out string? error)
    {
        result = Everything;
        error = null;
        if (selector is null || (selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 }))
        {
            return true;
        }
        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in (IEnumerable<KeyValuePair<string, string>>?)selector.MatchLabels ?? [])
        {
            if (!LabelRequirement.TryCreate(key, SelectionOperator.Equal, [value], out var requirement, out var errors))
            {
                error = FieldError.Join(errors);
                return false;
            }
            requirements.Add(requirement!);
        }
        foreach (var expression in (IEnumerable<LabelSelectorRequirement>?)selector.MatchExpressions ?? [])
        {
            SelectionOperator? op = expression.Operator switch
            {
                "In" => SelectionOperator.In,
                "NotIn" => SelectionOperator.NotIn,
                "Exists" => SelectionOperator.Exists,
                "DoesNotExist" => SelectionOperator.DoesNotExist,
                _ => null,
            };
            if (op is null)
            {
                error = $"{GoQuoting.Quote(expression.Operator)} is not a valid label selector operator";
                return false;
            }
            // Kubernetes copies the values with append(nil, ...), so "none" is a nil slice.
            var values = expression.Values is { Count: > 0 } ? expression.Values : null;
            if (!LabelRequirement.TryCreate(expression.Key, op.Value, values, out var requirement, out var errors))
            {
                error = FieldError.Join(errors);
                return false;
            }
            requirements.Add(requirement!);
        }
        result = FromRequirements(requirements);
        return true;
    }

    /// <summary>Whether every requirement holds for the labels (<c>null</c> is an empty set).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_requirements is null)
        {
            return false;
        }
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether the selector pins <paramref name="label"/> to one value (<c>=</c>, <c>==</c> or a
    /// one-value <c>in</c> on the first requirement for that key), and which (<c>RequiresExactMatch</c>).
    /// </summary>
    public bool TryGetExactMatch(string label, out string value)
    {
        value = "";
        foreach (var requirement in Requirements)
        {
            if (requirement.Key != label)
            {
                continue;
            }
            if (requirement.Operator is SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.In
                && requirement.Values.Count == 1)
            {
                value = requirement.Values[0];
                return true;
            }
            return false;
        }
        return false;
    }

    /// <summary>The selector syntax, requirements joined by commas (empty for Everything and Nothing).</summary>
    public override string ToString() => string.Join(",", Requirements);
}
