namespace Stowage.Server.Printing;

/// <summary>A condition of a row (metav1.TableRowCondition), e.g. Completed=True for a finished pod.</summary>
public sealed record TableRowCondition
{
    /// <summary>The condition type; "Completed" is the only one Kubernetes defines.</summary>
    public string Type { get; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get; init; } = "";

    /// <summary>Machine-readable reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable message.</summary>
    public string? Message { get; init; }
}
