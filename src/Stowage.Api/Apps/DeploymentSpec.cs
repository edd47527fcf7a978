using System.Text.Json.Serialization;
using Stowage.Api.Core;
using Stowage.Api.Selectors;

namespace Stowage.Api.Apps;

/// <summary>The desired state of a deployment (apps/v1 DeploymentSpec).</summary>
public sealed record DeploymentSpec
{
    /// <summary>Number of desired pods (defaulted to 1).</summary>
    public int? Replicas { get; init; }

    /// <summary>Which pods belong to the deployment; must match the template's labels.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>The pods to make.</summary>
    public PodTemplateSpec? Template { get; init; }

    /// <summary>How new pods replace old ones.</summary>
    public DeploymentStrategy? Strategy { get; init; }

    /// <summary>Seconds a ready pod must stay ready to count as available.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MinReadySeconds { get; init; }

    /// <summary>Old replica sets kept for rollback (defaulted to 10).</summary>
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>True while the deployment is paused.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Paused { get; init; }

    /// <summary>Seconds a rollout may make no progress before it is reported failed (defaulted to 600).</summary>
    public int? ProgressDeadlineSeconds { get; init; }
}
