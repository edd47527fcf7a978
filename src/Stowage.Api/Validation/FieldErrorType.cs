namespace Stowage.Api.Validation;

/// <summary>Why a field is invalid (Kubernetes' field.ErrorType).</summary>
public enum FieldErrorType { Required, Invalid, NotSupported, Forbidden, Duplicate, TooLong, TooMany, NotFound, TypeInvalid, InternalError }
