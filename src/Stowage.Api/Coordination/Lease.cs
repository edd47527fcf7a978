using Stowage.Api.Meta;

namespace Stowage.Api.Coordination;

/// <summary>A lease, for leader election and node heartbeats (coordination.k8s.io/v1 Lease).</summary>
public sealed record Lease : IApiObject<Lease>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The lease's holder and timing.</summary>
    public LeaseSpec? Spec { get; init; }

    /// <inheritdoc/>
    public Lease WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Lease WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>The spec of a lease.</summary>
public sealed record LeaseSpec
{
    /// <summary>The current holder.</summary>
    public string? HolderIdentity { get; init; }

    /// <summary>How long a non-renewed lease stays valid.</summary>
    public int? LeaseDurationSeconds { get; init; }

    /// <summary>When the current holder acquired it.</summary>
    public MicroTime? AcquireTime { get; init; }

    /// <summary>When the holder last renewed it.</summary>
    public MicroTime? RenewTime { get; init; }

    /// <summary>How many times it changed hands.</summary>
    public int? LeaseTransitions { get; init; }
}
