using Stowage.Api.Meta;

namespace Stowage.Api.Apps;

/// <summary>Declarative updates of pods through replica sets (apps/v1 Deployment).</summary>
public sealed record Deployment : IApiObject<Deployment>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The desired behaviour.</summary>
    public DeploymentSpec? Spec { get; init; }

    /// <summary>The most recently observed state.</summary>
    public DeploymentStatus? Status { get; init; }

    /// <inheritdoc/>
    public Deployment WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Deployment WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}
