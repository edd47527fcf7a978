using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>A scope for names (v1.Namespace).</summary>
public sealed record Namespace : IApiObject<Namespace>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Spec (finalizers).</summary>
    public NamespaceSpec? Spec { get; init; }

    /// <summary>Status (phase).</summary>
    public NamespaceStatus? Status { get; init; }

    /// <inheritdoc/>
    public Namespace WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Namespace WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>The spec of a namespace.</summary>
public sealed record NamespaceSpec
{
    /// <summary>Finalizers that must run before the namespace is removed ("kubernetes").</summary>
    public IReadOnlyList<string>? Finalizers { get; init; }
}

/// <summary>The status of a namespace.</summary>
public sealed record NamespaceStatus
{
    /// <summary>Active or Terminating.</summary>
    public string? Phase { get; init; }

    /// <summary>Conditions while terminating.</summary>
    public IReadOnlyList<NamespaceCondition>? Conditions { get; init; }
}

/// <summary>A namespace condition.</summary>
public sealed record NamespaceCondition
{
    /// <summary>Condition type.</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get => field ?? ""; init; } = "";

    /// <summary>Last transition time.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Message.</summary>
    public string? Message { get; init; }
}
