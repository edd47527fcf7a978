namespace Stowage.Api.Validation;

/// <summary>One validation failure at a field path (Kubernetes' field.Error).</summary>
/// <param name="Type">The kind of failure.</param>
/// <param name="Field">The field path, e.g. spec.capacity.</param>
/// <param name="BadValue">The offending value's text, if any.</param>
/// <param name="Detail">Further explanation.</param>
public sealed record FieldError(FieldErrorType Type, string Field, string? BadValue, string Detail);
