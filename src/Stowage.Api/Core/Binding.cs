using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>
/// Ties a pod to a node (v1.Binding): the body of POST pods/{name}/binding, which the scheduler
/// sends to set spec.nodeName. Never stored.
/// </summary>
public sealed record Binding
{
    /// <summary>"v1".</summary>
    public string? ApiVersion { get; init; }

    /// <summary>"Binding".</summary>
    public string? Kind { get; init; }

    /// <summary>The pod's name and namespace (and optionally its uid and annotations to merge).</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The node: kind Node (or empty) and its name.</summary>
    public ObjectReference Target { get; init; } = new();
}
