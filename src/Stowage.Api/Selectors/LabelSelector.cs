namespace Stowage.Api.Selectors;

/// <summary>A label query over a set of resources (metav1.LabelSelector). Null selects nothing extra; empty selects everything.</summary>
public sealed record LabelSelector
{
    /// <summary>Each entry requires the key to exist with exactly that value.</summary>
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    /// <summary>Requirements, all of which must hold.</summary>
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
