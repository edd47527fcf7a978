namespace Stowage.Storage;

/// <summary>The pairs of a range read, the revision the read was served at, and whether more remain.</summary>
/// <param name="Items">The pairs, in key order.</param>
/// <param name="Revision">The store revision at which the read was consistent.</param>
/// <param name="More">True when <see cref="RangeOptions.Limit"/> cut the result short.</param>
/// <param name="RemainingCount">How many pairs under the prefix follow the last one returned (when <see cref="More"/>).</param>
public sealed record RangeResult(IReadOnlyList<KeyValue> Items, long Revision, bool More, long RemainingCount);
