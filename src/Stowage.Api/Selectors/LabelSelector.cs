namespace Stowage.Api.Selectors;

/// <summary>A label query over a set of resources (metav1.LabelSelector). Null selects nothing extra; empty selects everything.</summary>
public sealed record LabelSelector
{
    /// <summary>Each entry requires the key to exist with exactly that value.</summary>
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    /// <summary>Requirements, all of which must hold.</summary>
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}

/// <summary>One requirement of a <see cref="LabelSelector"/>: key, operator (In, NotIn, Exists, DoesNotExist) and values.</summary>
public sealed record LabelSelectorRequirement
{
    /// <summary>The label key.</summary>
    public string Key { get; init; } = "";

    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    public string Operator { get; init; } = "";

    /// <summary>Values for In and NotIn; empty for Exists and DoesNotExist.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}
