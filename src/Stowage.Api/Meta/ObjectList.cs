namespace Stowage.Api.Meta;

/// <summary>A list of objects of one kind (e.g. PersistentVolumeList), as clients read it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record ObjectList<T>
{
    /// <summary>e.g. "v1".</summary>
    public string? ApiVersion { get; init; }

    /// <summary>e.g. "PersistentVolumeList".</summary>
    public string? Kind { get; init; }

    /// <summary>List metadata.</summary>
    public ListMeta Metadata { get; init; } = new();

    /// <summary>The items.</summary>
    public IReadOnlyList<T> Items { get; init; } = [];
}
