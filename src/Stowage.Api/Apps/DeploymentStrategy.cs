using Stowage.Api.Quantities;

namespace Stowage.Api.Apps;

/// <summary>How a deployment replaces pods (apps/v1 DeploymentStrategy).</summary>
public sealed record DeploymentStrategy
{
    /// <summary>Recreate or RollingUpdate (the default).</summary>
    public string? Type { get; init; }

    /// <summary>The rolling update's bounds; only with type RollingUpdate.</summary>
    public RollingUpdateDeployment? RollingUpdate { get; init; }
}

/// <summary>The bounds of a rolling update (apps/v1 RollingUpdateDeployment).</summary>
public sealed record RollingUpdateDeployment
{
    /// <summary>Pods that may be unavailable during the update: a number or a percentage (rounded down).</summary>
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>Pods that may be created above the desired number: a number or a percentage (rounded up).</summary>
    public IntOrString? MaxSurge { get; init; }
}
