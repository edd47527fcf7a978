using System.Text.Json.Serialization;
using Stowage.Api.Meta;

namespace Stowage.Api.Autoscaling;

/// <summary>The scale subresource of a workload (autoscaling/v1 Scale).</summary>
public sealed record Scale : IApiObject<Scale>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The desired scale.</summary>
    public ScaleSpec? Spec { get; init; }

    /// <summary>The current scale.</summary>
    public ScaleStatus? Status { get; init; }

    /// <inheritdoc/>
    public Scale WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Scale WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>The desired scale (autoscaling/v1 ScaleSpec).</summary>
public sealed record ScaleSpec
{
    /// <summary>Desired number of instances.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Replicas { get; init; }
}

/// <summary>The current scale (autoscaling/v1 ScaleStatus).</summary>
public sealed record ScaleStatus
{
    /// <summary>Actual number of instances.</summary>
    public int Replicas { get; init; }

    /// <summary>The label selector of the pods, in its string form.</summary>
    public string? Selector { get; init; }
}
