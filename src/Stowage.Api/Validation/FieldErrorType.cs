namespace Stowage.Api.Validation;

/// <summary>The kinds of validation failure (Kubernetes' field.ErrorType).</summary>
public enum FieldErrorType
{
    /// <summary>Required value.</summary>
    Required,
    /// <summary>Invalid value.</summary>
    Invalid,
    /// <summary>Unsupported value.</summary>
    NotSupported,
    /// <summary>Forbidden.</summary>
    Forbidden,
    /// <summary>Duplicate value.</summary>
    Duplicate,
    /// <summary>Too long.</summary>
    TooLong,
    /// <summary>Too many.</summary>
    TooMany,
    /// <summary>Not found.</summary>
    NotFound,
    /// <summary>Invalid type.</summary>
    TypeInvalid,
    /// <summary>Internal error.</summary>
    InternalError,
}
