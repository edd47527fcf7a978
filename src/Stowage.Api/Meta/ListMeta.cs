namespace Stowage.Api.Meta;

/// <summary>Metadata of a list (metav1.ListMeta).</summary>
public sealed record ListMeta
{
    /// <summary>The revision the list is consistent at.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Token for the next page, if the list was cut short.</summary>
    public string? Continue { get; init; }

    /// <summary>Items remaining after this page, if known.</summary>
    public long? RemainingItemCount { get; init; }
}
