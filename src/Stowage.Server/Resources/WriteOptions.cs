namespace Stowage.Server.Resources;

/// <summary>Options of a write request.</summary>
public sealed record WriteOptions
{
    /// <summary>The field manager (fieldManager parameter or derived from the user agent).</summary>
    public string FieldManager { get; init; } = "unknown";

    /// <summary>dryRun=All: do everything but store.</summary>
    public bool DryRun { get; init; }

    /// <summary>The subresource written ("status") or null.</summary>
    public string? Subresource { get; init; }

    /// <summary>Server-side apply force.</summary>
    public bool Force { get; init; }

    /// <summary>True for server-side apply (ownership is recorded by the apply itself).</summary>
    public bool IsApply { get; init; }

    /// <summary>Everything default.</summary>
    public static WriteOptions Default { get; } = new();
}
