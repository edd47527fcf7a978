namespace Stowage.Storage;

/// <summary>Options of a prefix range read.</summary>
/// <param name="Limit">At most this many pairs (0 = no limit).</param>
/// <param name="StartAfterKey">Continue after this key (exclusive), for paging.</param>
/// <param name="Revision">Read at this past revision (0 = latest). Fails with <see cref="CompactedException"/> if compacted.</param>
public sealed record RangeOptions(int Limit = 0, string? StartAfterKey = null, long Revision = 0)
{
    /// <summary>Everything under the prefix at the latest revision.</summary>
    public static RangeOptions All { get; } = new();
}
