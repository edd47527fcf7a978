using System.Text.Json.Serialization;

namespace Stowage.Api.Core;

/// <summary>The desired state of a replication controller (v1.ReplicationControllerSpec).</summary>
public sealed record ReplicationControllerSpec
{
    /// <summary>Number of desired pods (defaulted to 1).</summary>
    public int? Replicas { get; init; }

    /// <summary>Seconds a ready pod must stay ready to count as available.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MinReadySeconds { get; init; }

    /// <summary>Labels the pods must carry (defaulted to the template's labels).</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    /// <summary>The pods to make.</summary>
    public PodTemplateSpec? Template { get; init; }
}
