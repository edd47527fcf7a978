namespace Stowage.Api.Selectors;

/// <summary>The tokens of the label selector syntax (Kubernetes' <c>labels.Token</c>).</summary>
internal enum LabelTokenKind
{
    Error,
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenParenthesis,
}
