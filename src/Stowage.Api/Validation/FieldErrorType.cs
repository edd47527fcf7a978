namespace Stowage.Api.Validation;

/// <summary>Why a field is invalid (Kubernetes' <c>field.ErrorType</c>).</summary>
public enum FieldErrorType
{
    /// <summary>A required value is missing (<c>FieldValueRequired</c>).</summary>
    Required,

    /// <summary>A malformed value (<c>FieldValueInvalid</c>).</summary>
    Invalid,

    /// <summary>A value outside an enumeration (<c>FieldValueNotSupported</c>).</summary>
    NotSupported,

    /// <summary>A well-formed value not permitted here (<c>FieldValueForbidden</c>).</summary>
    Forbidden,

    /// <summary>A value that must be unique is repeated (<c>FieldValueDuplicate</c>).</summary>
    Duplicate,

    /// <summary>A value that is too long; the value itself is not reported (<c>FieldValueTooLong</c>).</summary>
    TooLong,

    /// <summary>A list with too many items (<c>FieldValueTooMany</c>).</summary>
    TooMany,

    /// <summary>A referenced value was not found (<c>FieldValueNotFound</c>).</summary>
    NotFound,

    /// <summary>A value of the wrong JSON type (<c>FieldValueTypeInvalid</c>).</summary>
    TypeInvalid,

    /// <summary>An error not caused by the input (<c>InternalError</c>).</summary>
    InternalError,
}
