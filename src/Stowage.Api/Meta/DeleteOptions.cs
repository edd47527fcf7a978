namespace Stowage.Api.Meta;

/// <summary>Options of a DELETE (metav1.DeleteOptions).</summary>
public sealed record DeleteOptions
{
    /// <summary>"v1" or "meta.k8s.io/v1".</summary>
    public string? ApiVersion { get; init; }

    /// <summary>"DeleteOptions".</summary>
    public string? Kind { get; init; }

    /// <summary>Grace period in seconds.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Must match for the delete to proceed.</summary>
    public Preconditions? Preconditions { get; init; }

    /// <summary>Deprecated form of PropagationPolicy.</summary>
    public bool? OrphanDependents { get; init; }

    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary>["All"] for a dry run.</summary>
    public IReadOnlyList<string>? DryRun { get; init; }
}

/// <summary>Conditions a DELETE requires.</summary>
public sealed record Preconditions
{
    /// <summary>The object's uid must equal this.</summary>
    public string? Uid { get; init; }

    /// <summary>The object's resourceVersion must equal this.</summary>
    public string? ResourceVersion { get; init; }
}
