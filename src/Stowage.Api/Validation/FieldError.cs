using System.Globalization;

namespace Stowage.Api.Validation;

/// <summary>
/// One field-level validation failure (Kubernetes' <c>field.Error</c>). It becomes one cause of a
/// 422 <c>Status</c>: <see cref="Reason"/> is the cause's <c>reason</c>, <see cref="Field"/> its
/// <c>field</c> and <see cref="ErrorBody"/> its <c>message</c>.
/// </summary>
/// <param name="Type">Why the field is invalid.</param>
/// <param name="Field">The field path, e.g. <c>spec.selector.matchExpressions[0].key</c>.</param>
/// <param name="BadValue">
/// The offending value as text; <c>null</c> is reported as <c>"null"</c> (or omitted when
/// <see cref="QuoteBadValue"/> is false).
/// </param>
/// <param name="Detail">Free text appended after the value, may be empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, string? BadValue, string Detail)
{
    /// <summary>
    /// True (the default) when the bad value is a string, which Kubernetes prints with Go's
    /// <c>%q</c> (<c>"x"</c>); false for numbers, booleans and values already rendered as Go prints
    /// them, which are printed as is (<c>5</c>, <c>[]string{}</c>).
    /// </summary>
    public bool QuoteBadValue { get; init; } = true;

    /// <summary>The <c>reason</c> of the Status cause, e.g. <c>FieldValueRequired</c>.</summary>
    public string Reason => Type switch
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
        FieldErrorType.InternalError => "InternalError",
        _ => throw new InvalidOperationException($"unrecognized validation error: {Type}"),
    };

    /// <summary>The words Kubernetes uses for the type, e.g. <c>Required value</c>.</summary>
    public string TypeText => Type switch
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
        FieldErrorType.InternalError => "Internal error",
        _ => throw new InvalidOperationException($"unrecognized validation error: {Type}"),
    };

    /// <summary>
    /// The message without the field (Kubernetes' <c>ErrorBody</c>), e.g.
    /// <c>Invalid value: "x": detail</c> or <c>Required value</c>.
    /// </summary>
    public string ErrorBody()
    {
        string body = TypeText;
        bool showsValue = Type is not (FieldErrorType.Required or FieldErrorType.Forbidden
            or FieldErrorType.TooLong or FieldErrorType.InternalError);
        if (showsValue && (BadValue is not null || QuoteBadValue))
        {
            string value = BadValue ?? "null";
            body += ": " + (QuoteBadValue ? GoQuoting.Quote(value) : value);
        }
        return Detail.Length == 0 ? body : body + ": " + Detail;
    }

    /// <summary>The full message, <c>field: body</c> (Kubernetes' <c>Error()</c>).</summary>
    public override string ToString() => Field + ": " + ErrorBody();

    /// <summary>
    /// Joins errors as Kubernetes' aggregate does: duplicates dropped, a single message as is,
    /// several as <c>[a, b]</c>; empty for no errors.
    /// </summary>
    public static string Join(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var messages = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return messages.Count switch
        {
            0 => "",
            1 => messages[0],
            _ => "[" + string.Join(", ", messages) + "]",
        };
    }

    /// <summary>A required value is missing.</summary>
    public static FieldError Required(string field, string detail = "") =>
        new(FieldErrorType.Required, field, "", detail);

    /// <summary>A malformed string value.</summary>
    public static FieldError Invalid(string field, string? value, string detail) =>
        new(FieldErrorType.Invalid, field, value, detail);

    /// <summary>A malformed numeric value, printed without quotes.</summary>
    public static FieldError Invalid(string field, long value, string detail) =>
        new(FieldErrorType.Invalid, field, value.ToString(CultureInfo.InvariantCulture), detail) { QuoteBadValue = false };

    /// <summary>A value outside an enumeration, listing the supported values.</summary>
    public static FieldError NotSupported(string field, string? value, IEnumerable<string> supportedValues)
    {
        ArgumentNullException.ThrowIfNull(supportedValues);
        var quoted = supportedValues.Select(GoQuoting.Quote).ToList();
        string detail = quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted);
        return new(FieldErrorType.NotSupported, field, value, detail);
    }

    /// <summary>A well-formed value that is not permitted here.</summary>
    public static FieldError Forbidden(string field, string detail) =>
        new(FieldErrorType.Forbidden, field, "", detail);

    /// <summary>A value that must be unique is repeated.</summary>
    public static FieldError Duplicate(string field, string? value) =>
        new(FieldErrorType.Duplicate, field, value, "");

    /// <summary>A value longer than <paramref name="maxBytes"/> bytes (negative: no limit is stated).</summary>
    public static FieldError TooLong(string field, int maxBytes)
    {
        string detail = maxBytes >= 0
            ? $"may not be more than {maxBytes.ToString(CultureInfo.InvariantCulture)} {(maxBytes == 1 ? "byte" : "bytes")}"
            : "value is too long";
        return new(FieldErrorType.TooLong, field, null, detail) { QuoteBadValue = false };
    }

    /// <summary>A list with <paramref name="actual"/> items, more than <paramref name="max"/>; negatives are left out.</summary>
    public static FieldError TooMany(string field, int actual, int max)
    {
        string detail = max >= 0
            ? $"must have at most {max.ToString(CultureInfo.InvariantCulture)} {(max == 1 ? "item" : "items")}"
            : "has too many items";
        string? value = actual >= 0 ? actual.ToString(CultureInfo.InvariantCulture) : null;
        return new(FieldErrorType.TooMany, field, value, detail) { QuoteBadValue = false };
    }

    /// <summary>A referenced value was not found.</summary>
    public static FieldError NotFound(string field, string? value) =>
        new(FieldErrorType.NotFound, field, value, "");

    /// <summary>A value of the wrong type.</summary>
    public static FieldError TypeInvalid(string field, string? value, string detail) =>
        new(FieldErrorType.TypeInvalid, field, value, detail);

    /// <summary>An error not caused by the input.</summary>
    public static FieldError InternalError(string field, string detail) =>
        new(FieldErrorType.InternalError, field, null, detail);
}
