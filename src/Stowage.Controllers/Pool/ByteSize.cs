using System.Globalization;

namespace Stowage.Controllers.Pool;

/// <summary>Byte counts for messages (<c>3.2Gi</c>) and the pool's MiB rounding. Exact: no floating point.</summary>
internal static class ByteSize
{
    public const long MiB = 1024 * 1024;

    private static readonly string[] Units = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    /// <summary>Rounds up to a whole MiB.</summary>
    public static long RoundUpToMiB(long bytes) => checked((bytes + MiB - 1) / MiB * MiB);

    /// <summary>
    /// <paramref name="bytes"/> in the largest binary unit that keeps it at least 1, with one decimal
    /// when it is not whole: <c>10Gi</c>, <c>3.2Gi</c>, <c>512Mi</c>. <paramref name="roundUp"/> picks the
    /// direction, so a message can round what is free down and what is asked for up and never
    /// claim that 5Gi does not fit in 5Gi.
    /// </summary>
    public static string Format(long bytes, bool roundUp = false)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture);
        }
        var unit = 0;
        decimal value = bytes;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var rounded = decimal.Round(value, 1, roundUp ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToZero);
        return rounded.ToString("0.#", CultureInfo.InvariantCulture) + Units[unit];
    }
}
