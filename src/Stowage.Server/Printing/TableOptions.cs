using Stowage.Api.Meta;

namespace Stowage.Server.Printing;

/// <summary>How <see cref="TableWriter{T}"/> renders one table.</summary>
public sealed record TableOptions
{
    /// <summary>The table's metadata: the list's resourceVersion and continue token; empty for watch events.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>The instant ages are computed at (one clock reading per response or watch event).</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>What each row's object holds; the server's default is <see cref="IncludeObjectPolicy.Metadata"/>.</summary>
    public IncludeObjectPolicy IncludeObject { get; init; } = IncludeObjectPolicy.Metadata;

    /// <summary>False for watch events after the first, which carry <c>"columnDefinitions":null</c>.</summary>
    public bool IncludeColumnDefinitions { get; init; } = true;
}
