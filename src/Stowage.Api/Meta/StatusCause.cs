namespace Stowage.Api.Meta;

/// <summary>One cause of a failure (metav1.StatusCause).</summary>
public sealed record StatusCause
{
    /// <summary>e.g. FieldValueRequired.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable text.</summary>
    public string? Message { get; init; }

    /// <summary>The field path, e.g. spec.capacity.</summary>
    public string? Field { get; init; }
}
