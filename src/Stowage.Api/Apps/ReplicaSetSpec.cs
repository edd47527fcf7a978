using System.Text.Json.Serialization;
using Stowage.Api.Core;
using Stowage.Api.Selectors;

namespace Stowage.Api.Apps;

/// <summary>The desired state of a replica set (apps/v1 ReplicaSetSpec).</summary>
public sealed record ReplicaSetSpec
{
    /// <summary>Number of desired pods (defaulted to 1).</summary>
    public int? Replicas { get; init; }

    /// <summary>Seconds a ready pod must stay ready to count as available.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MinReadySeconds { get; init; }

    /// <summary>Which pods belong to the set; must match the template's labels.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>The pods to make.</summary>
    public PodTemplateSpec? Template { get; init; }
}
