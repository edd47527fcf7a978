using Stowage.Api.Validation;

namespace Stowage.Server.Errors;

/// <summary>Renders field errors the way Kubernetes' field.Error does (delegating to <see cref="FieldError"/>).</summary>
public static class FieldErrorText
{
    /// <summary><c>spec.capacity: Required value</c>.</summary>
    public static string Render(FieldError e) => string.IsNullOrEmpty(e.Field) ? e.ErrorBody() : e.ToString();

    /// <summary>The message without the field path.</summary>
    public static string Body(FieldError e) => e.ErrorBody();

    /// <summary>The StatusCause reason for an error.</summary>
    public static string Reason(FieldError e) => e.Reason;
}
