using System.Globalization;
using Stowage.Api.Validation;

namespace Stowage.Server.Errors;

/// <summary>Renders field errors the way Kubernetes' field.Error does.</summary>
public static class FieldErrorText
{
    /// <summary><c>spec.capacity: Required value</c>.</summary>
    public static string Render(FieldError e) => string.IsNullOrEmpty(e.Field) ? Body(e) : $"{e.Field}: {Body(e)}";

    /// <summary>The message without the field path.</summary>
    public static string Body(FieldError e)
    {
        var head = e.Type switch
        {
            FieldErrorType.Required => "Required value",
            FieldErrorType.Invalid => "Invalid value",
            FieldErrorType.NotSupported => "Unsupported value",
            FieldErrorType.Forbidden => "Forbidden",
            FieldErrorType.Duplicate => "Duplicate value",
            FieldErrorType.TooLong => "Too long",
            FieldErrorType.TooMany => "Too many",
            FieldErrorType.NotFound => "Not found",
            FieldErrorType.TypeInvalid => "Invalid value",
            _ => "Internal error",
        };
        var withValue = e.Type is FieldErrorType.Invalid or FieldErrorType.NotSupported or FieldErrorType.Duplicate or FieldErrorType.NotFound or FieldErrorType.TypeInvalid
            && e.BadValue is not null;
        var text = withValue ? $"{head}: {Quote(e.BadValue!)}" : head;
        return string.IsNullOrEmpty(e.Detail) ? text : $"{text}: {e.Detail}";
    }

    /// <summary>The StatusCause reason for an error type.</summary>
    public static string Reason(FieldErrorType type) => type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => "InternalError",
    };

    private static string Quote(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || value is "true" or "false" || value.StartsWith('[') || value.StartsWith('{')
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
