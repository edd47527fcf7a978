namespace Stowage.Api.Selectors;

/// <summary>One term of a <see cref="FieldSelector"/>: a field, an operator and an unescaped value.</summary>
/// <param name="Field">The field label, e.g. <c>metadata.name</c>.</param>
/// <param name="Operator">Equal or NotEqual.</param>
/// <param name="Value">The value, with the selector escapes removed.</param>
public sealed record FieldSelectorRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    /// <summary>Whether a field value satisfies the term; a missing field reads as empty.</summary>
    public bool Matches(string? actual) =>
        Operator == FieldSelectorOperator.Equal ? (actual ?? "") == Value : (actual ?? "") != Value;

    /// <summary>The selector syntax, value escaped: <c>a=b</c> or <c>a!=b</c>.</summary>
    public override string ToString() =>
        Field + (Operator == FieldSelectorOperator.Equal ? "=" : "!=") + FieldSelector.EscapeValue(Value);
}
