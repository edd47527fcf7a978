using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>The pods a workload makes: their metadata and spec (v1.PodTemplateSpec).</summary>
public sealed record PodTemplateSpec
{
    /// <summary>Labels, annotations and finalizers the pods get.</summary>
    public ObjectMeta? Metadata { get; init; }

    /// <summary>The pods' spec.</summary>
    public PodSpec? Spec { get; init; }
}
