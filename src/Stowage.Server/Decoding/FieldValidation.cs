namespace Stowage.Server.Decoding;

/// <summary>The fieldValidation query parameter of POST, PUT and PATCH.</summary>
public enum FieldValidation
{
    /// <summary>Drop unknown fields silently; the last duplicate wins.</summary>
    Ignore,

    /// <summary>Accept, with one Warning header per unknown or duplicate field (the default since Kubernetes 1.23).</summary>
    Warn,

    /// <summary>Reject unknown and duplicate fields with 400 BadRequest.</summary>
    Strict,
}
