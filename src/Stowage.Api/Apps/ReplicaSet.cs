using Stowage.Api.Meta;

namespace Stowage.Api.Apps;

/// <summary>Keeps a number of pods matching a label selector running (apps/v1 ReplicaSet).</summary>
public sealed record ReplicaSet : IApiObject<ReplicaSet>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The desired behaviour.</summary>
    public ReplicaSetSpec? Spec { get; init; }

    /// <summary>The most recently observed state.</summary>
    public ReplicaSetStatus? Status { get; init; }

    /// <inheritdoc/>
    public ReplicaSet WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public ReplicaSet WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}
