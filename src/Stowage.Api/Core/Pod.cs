using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>A group of containers that run together on one node, sharing volumes (v1.Pod).</summary>
public sealed record Pod : IApiObject<Pod>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>What the pod should run.</summary>
    public PodSpec? Spec { get; init; }

    /// <summary>What the pod is doing, as its node reports it.</summary>
    public PodStatus? Status { get; init; }

    /// <inheritdoc/>
    public Pod WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Pod WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}
