namespace Stowage.Server.Resources;

/// <summary>The query of a list or watch, parsed from the request.</summary>
public sealed record ListOptions
{
    /// <summary>The label selector, or null for everything.</summary>
    public LabelFilter? LabelSelector { get; init; }

    /// <summary>The field selector, or null for everything.</summary>
    public FieldFilter? FieldSelector { get; init; }

    /// <summary>Page size (0 = all).</summary>
    public int Limit { get; init; }

    /// <summary>Continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>resourceVersion parameter ("" = latest; "0" = any; N = not older than N, or start of a watch).</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Seconds after which a watch ends.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Send BOOKMARK events.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>Everything.</summary>
    public static ListOptions All { get; } = new();
}
