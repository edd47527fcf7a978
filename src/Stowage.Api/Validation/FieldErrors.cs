using System.Globalization;

namespace Stowage.Api.Validation;

/// <summary>
/// Constructors of <see cref="FieldError"/> that mirror Kubernetes' field.Required, field.Invalid,
/// field.NotSupported, ... including the details they compute (e.g. "supported values: ...").
/// Bad values are passed as their text; strings raw (the formatter quotes them), numbers as digits,
/// and a nil Go pointer as null (Kubernetes prints it as null).
/// </summary>
internal static class FieldErrors
{
    public static FieldError Required(FieldPath path, string detail = "") =>
        new(FieldErrorType.Required, path.Text, null, detail);

    public static FieldError Invalid(FieldPath path, string? value, string detail) =>
        new(FieldErrorType.Invalid, path.Text, value, detail);

    public static FieldError Invalid(FieldPath path, long value, string detail) =>
        new(FieldErrorType.Invalid, path.Text, value.ToString(CultureInfo.InvariantCulture), detail) { QuoteBadValue = false };

    /// <summary>Kubernetes lists the supported values in the order given, each Go-quoted.</summary>
    public static FieldError NotSupported(FieldPath path, string? value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(GoText.Quote).ToList();
        var detail = quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted);
        return new(FieldErrorType.NotSupported, path.Text, value, detail);
    }

    public static FieldError Forbidden(FieldPath path, string detail) =>
        new(FieldErrorType.Forbidden, path.Text, null, detail);

    public static FieldError Duplicate(FieldPath path, string? value) =>
        new(FieldErrorType.Duplicate, path.Text, value, "");

    public static FieldError NotFound(FieldPath path, string? value) =>
        new(FieldErrorType.NotFound, path.Text, value, "");

    /// <summary>field.TooLong's detail in 1.32: "must have at most N bytes".</summary>
    public static FieldError TooLong(FieldPath path, int maxLength) =>
        new(FieldErrorType.TooLong, path.Text, null, "must have at most " + maxLength.ToString(CultureInfo.InvariantCulture) + " bytes");
}
