using System.Text.Json.Serialization;

namespace Stowage.Api.Meta;

/// <summary>The result of an operation that does not return an object, and every error (metav1.Status).</summary>
public sealed record Status
{
    /// <summary>Always "v1".</summary>
    public string ApiVersion { get; init; } = "v1";

    /// <summary>Always "Status".</summary>
    public string Kind { get; init; } = "Status";

    /// <summary>Empty list metadata.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>"Success" or "Failure".</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason (NotFound, AlreadyExists, Conflict, Invalid, ...).</summary>
    public string? Reason { get; init; }

    /// <summary>Extended data.</summary>
    public StatusDetails? Details { get; init; }

    /// <summary>The HTTP status code.</summary>
    public int? Code { get; init; }
}
