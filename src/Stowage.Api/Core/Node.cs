using System.Text.Json.Nodes;
using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>A machine that runs pods, registered by its node agent (v1.Node).</summary>
public sealed record Node : IApiObject<Node>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>How the node may be used.</summary>
    public NodeSpec? Spec { get; init; }

    /// <summary>What the node agent reports.</summary>
    public NodeStatus? Status { get; init; }

    /// <inheritdoc/>
    public Node WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Node WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>How a node may be used.</summary>
public sealed record NodeSpec
{
    /// <summary>The pod IP range of the node.</summary>
    public string? PodCIDR { get; init; }

    /// <summary>The pod IP ranges (one per family).</summary>
    public IReadOnlyList<string>? PodCIDRs { get; init; }

    /// <summary>The cloud provider's id of the node.</summary>
    public string? ProviderID { get; init; }

    /// <summary>Keep new pods off the node (kubectl cordon).</summary>
    public bool? Unschedulable { get; init; }

    /// <summary>Taints that repel pods not tolerating them.</summary>
    public IReadOnlyList<Taint>? Taints { get; init; }

    /// <summary>Deprecated dynamic kubelet configuration (v1.NodeConfigSource).</summary>
    public JsonObject? ConfigSource { get; init; }

    /// <summary>Deprecated external id.</summary>
    public string? ExternalID { get; init; }
}

/// <summary>A taint of a node.</summary>
public sealed record Taint
{
    /// <summary>The taint key.</summary>
    public string Key { get => field ?? ""; init; } = "";

    /// <summary>The taint value.</summary>
    public string? Value { get; init; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public string Effect { get => field ?? ""; init; } = "";

    /// <summary>When a NoExecute taint was added.</summary>
    public DateTimeOffset? TimeAdded { get; init; }
}
