using System.Numerics;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// A set of the four known access modes as a bit mask — the key of Kubernetes' access-mode index
/// (<c>GetAccessModesAsString</c>: distinct modes in the fixed order RWO, ROX, RWX, RWOP).
/// </summary>
/// <remarks>
/// Unknown mode strings are not representable: a volume's unknown modes are dropped from its key
/// (as Kubernetes drops them), and a claim asking for one can match no group, because no key
/// contains it (<see cref="TryFromClaim"/> reports it).
/// </remarks>
public readonly record struct AccessModeSet(int Mask)
{
    /// <summary>ReadWriteOnce.</summary>
    public const string ReadWriteOnce = "ReadWriteOnce";

    /// <summary>ReadOnlyMany.</summary>
    public const string ReadOnlyMany = "ReadOnlyMany";

    /// <summary>ReadWriteMany.</summary>
    public const string ReadWriteMany = "ReadWriteMany";

    /// <summary>ReadWriteOncePod.</summary>
    public const string ReadWriteOncePod = "ReadWriteOncePod";

    private static readonly string[] Names = [ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod];
    private static readonly string[] ShortNames = ["RWO", "ROX", "RWX", "RWOP"];

    /// <summary>
    /// All 16 masks in the order matching visits groups: fewer modes first; among groups with
    /// the same number of modes (an order Kubernetes leaves unspecified) the lower mask first,
    /// i.e. RWO before ROX before RWX before RWOP.
    /// </summary>
    internal static readonly int[] GroupOrder =
        [.. Enumerable.Range(0, 16).OrderBy(m => BitOperations.PopCount((uint)m)).ThenBy(m => m)];

    /// <summary>The order in which matching visits access-mode groups (see <see cref="GroupOrder"/>), as masks.</summary>
    public static IReadOnlyList<int> GroupVisitOrder => GroupOrder;

    /// <summary>The number of modes in the set.</summary>
    public int Count => BitOperations.PopCount((uint)Mask);

    /// <summary>The modes of a volume (unknown strings are ignored, duplicates collapse).</summary>
    public static AccessModeSet FromVolume(IEnumerable<string>? modes)
    {
        _ = TryFrom(modes, out var set);
        return set;
    }

    /// <summary>
    /// The modes a claim requests; false when it requests a mode no volume can offer (an unknown
    /// string), which means no volume matches.
    /// </summary>
    public static bool TryFromClaim(IEnumerable<string>? modes, out AccessModeSet set) => TryFrom(modes, out set);

    /// <summary>Whether every mode of <paramref name="requested"/> is in this set.</summary>
    public bool ContainsAll(AccessModeSet requested) => (Mask & requested.Mask) == requested.Mask;

    /// <summary>The modes' API names in the fixed order, e.g. <c>ReadWriteOnce</c>, <c>ReadOnlyMany</c>.</summary>
    public IEnumerable<string> ModeNames()
    {
        for (int bit = 0; bit < Names.Length; bit++)
        {
            if ((Mask & (1 << bit)) != 0)
            {
                yield return Names[bit];
            }
        }
    }

    /// <summary>The index key, e.g. <c>RWO,ROX</c> (empty for no modes).</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        for (int bit = 0; bit < ShortNames.Length; bit++)
        {
            if ((Mask & (1 << bit)) != 0)
            {
                parts.Add(ShortNames[bit]);
            }
        }
        return string.Join(",", parts);
    }

    private static bool TryFrom(IEnumerable<string>? modes, out AccessModeSet set)
    {
        int mask = 0;
        bool allKnown = true;
        foreach (var mode in modes ?? [])
        {
            int bit = Array.IndexOf(Names, mode);
            if (bit < 0)
            {
                allKnown = false;
                continue;
            }
            mask |= 1 << bit;
        }
        set = new AccessModeSet(mask);
        return allKnown;
    }
}
