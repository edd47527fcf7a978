namespace Stowage.Api.Selectors;

/// <summary>A scanned token and its text (Kubernetes' <c>labels.ScannedItem</c>).</summary>
internal readonly record struct LabelToken(LabelTokenKind Kind, string Literal);
