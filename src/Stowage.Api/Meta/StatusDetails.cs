namespace Stowage.Api.Meta;

/// <summary>Details of a <see cref="Status"/>.</summary>
public sealed record StatusDetails
{
    /// <summary>The object's name.</summary>
    public string? Name { get; init; }

    /// <summary>The resource group.</summary>
    public string? Group { get; init; }

    /// <summary>The resource (plural) or kind.</summary>
    public string? Kind { get; init; }

    /// <summary>The object's uid.</summary>
    public string? Uid { get; init; }

    /// <summary>Per-field causes.</summary>
    public IReadOnlyList<StatusCause>? Causes { get; init; }

    /// <summary>Seconds after which a retry may succeed.</summary>
    public int? RetryAfterSeconds { get; init; }
}
