namespace Stowage.Api.Validation;

/// <summary>One field-level validation failure (Kubernetes' field.Error).</summary>
public sealed record FieldError(FieldErrorType Type, string Field, string? BadValue, string Detail);
