using System.Globalization;
using System.Text;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>
/// Test-only rendering of a cause as kube-apiserver prints it ("{field}: Invalid value: "x":
/// detail"). FieldError carries the bad value as text, so the Go type that decides quoting is
/// gone: numbers, booleans and null (a nil pointer) print bare, everything else quoted (%q).
/// </summary>
internal static class CauseText
{
    public static string Render(FieldError e)
    {
        var body = e.Type switch
        {
            FieldErrorType.Required => "Required value",
            FieldErrorType.Forbidden => "Forbidden",
            FieldErrorType.TooLong => "Too long",
            FieldErrorType.InternalError => "Internal error",
            FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value: " + Value(e.BadValue),
            FieldErrorType.NotSupported => "Unsupported value: " + Value(e.BadValue),
            FieldErrorType.Duplicate => "Duplicate value: " + Value(e.BadValue),
            FieldErrorType.NotFound => "Not found: " + Value(e.BadValue),
            FieldErrorType.TooMany => "Too many: " + Value(e.BadValue),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };
        if (e.Detail.Length != 0)
        {
            body += ": " + e.Detail;
        }
        return e.Field + ": " + body;
    }

    public static IReadOnlyList<string> RenderAll(IEnumerable<FieldError> errors) => errors.Select(Render).ToList();

    private static string Value(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        if (value is "true" or "false" || long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        }
        return sb.Append('"').ToString();
    }
}
