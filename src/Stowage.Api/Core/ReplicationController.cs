using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>Keeps a number of pods matching a selector running (v1.ReplicationController).</summary>
public sealed record ReplicationController : IApiObject<ReplicationController>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The desired behaviour.</summary>
    public ReplicationControllerSpec? Spec { get; init; }

    /// <summary>The most recently observed state.</summary>
    public ReplicationControllerStatus? Status { get; init; }

    /// <inheritdoc/>
    public ReplicationController WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public ReplicationController WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}
