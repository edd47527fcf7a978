namespace Stowage.Storage;

/// <summary>Argument checks every backend applies the same way, before touching storage.</summary>
public static class StoreArguments
{
    /// <summary>A key is a non-empty string.</summary>
    public static void Key(string key) => ArgumentException.ThrowIfNullOrEmpty(key);

    /// <summary>A prefix is a non-empty string (an empty one has no range end).</summary>
    public static void Prefix(string prefix) => ArgumentException.ThrowIfNullOrEmpty(prefix);

    /// <summary>
    /// An update names the revision it read: always positive. (Zero would mean "absent" in an etcd compare,
    /// which would turn an update of a missing key into a create.)
    /// </summary>
    public static void UpdateRevision(long expectedModRevision) =>
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedModRevision, 1);

    /// <summary>A delete names the revision it read, or zero for an unconditional delete.</summary>
    public static void DeleteRevision(long expectedModRevision) =>
        ArgumentOutOfRangeException.ThrowIfNegative(expectedModRevision);

    /// <summary>Range options: limit and revision are not negative.</summary>
    public static void Range(RangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Revision);
    }

    /// <summary>A watch starts at a revision that is not negative.</summary>
    public static void WatchRevision(long afterRevision) => ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);

    /// <summary>Compaction names a positive revision.</summary>
    public static void CompactRevision(long revision) => ArgumentOutOfRangeException.ThrowIfLessThan(revision, 1);

    /// <summary>A past-revision read or compaction may not name a revision the store has not reached.</summary>
    public static void NotFuture(long revision, long currentRevision, string paramName)
    {
        if (revision > currentRevision)
        {
            throw new ArgumentOutOfRangeException(
                paramName, revision, $"revision {revision} is in the future (current revision {currentRevision})");
        }
    }
}
