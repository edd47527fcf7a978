using Stowage.Api.Quantities;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// A volume's place in a capacity-ordered group of <see cref="VolumeIndex"/>: ordered by exact
/// capacity, then by ordinal name, so the first fitting entry is the smallest volume and equal
/// capacities are taken in name order.
/// </summary>
internal readonly record struct CapacityEntry(Quantity Capacity, string Name)
{
    /// <summary>The ordering of entries.</summary>
    public static IComparer<CapacityEntry> Order { get; } = new CapacityThenName();

    private sealed class CapacityThenName : IComparer<CapacityEntry>
    {
        public int Compare(CapacityEntry x, CapacityEntry y)
        {
            int byCapacity = x.Capacity.CompareTo(y.Capacity);
            return byCapacity != 0 ? byCapacity : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
