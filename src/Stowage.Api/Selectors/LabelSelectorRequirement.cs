namespace Stowage.Api.Selectors;

/// <summary>One requirement of a <see cref="LabelSelector"/>: key, operator (In, NotIn, Exists, DoesNotExist) and values.</summary>
public sealed record LabelSelectorRequirement
{
    /// <summary>The label key.</summary>
    public string Key { get => field ?? ""; init; } = "";

    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    public string Operator { get => field ?? ""; init; } = "";

    /// <summary>Values for In and NotIn; empty for Exists and DoesNotExist.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}
