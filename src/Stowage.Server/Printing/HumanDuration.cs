using System.Globalization;

namespace Stowage.Server.Printing;

/// <summary>
/// Kubernetes' age strings (k8s.io/apimachinery/pkg/util/duration): "5m22s", "3h1m", "2d1h", "2y1d".
/// About two or three significant figures, so that an AGE column stays narrow.
/// </summary>
/// <remarks>
/// Go converts with truncation toward zero (<c>int(d.Seconds())</c>, <c>d / time.Minute</c>); integer
/// division of <see cref="TimeSpan.Ticks"/> does the same, so the boundaries match tick for tick. A
/// skew of up to two seconds into the future still reads "0s" (clocks of different machines).
/// </remarks>
public static class HumanDuration
{
    /// <summary>The longest string either format produces ("&lt;invalid&gt;", or "29247y" for TimeSpan.MaxValue).</summary>
    public const int MaxLength = 32;

    private const string Invalid = "<invalid>";

    /// <summary>Kubernetes' HumanDuration.</summary>
    public static string Format(TimeSpan duration)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var written = Write(duration, buffer);
        return new string(buffer[..written]);
    }

    /// <summary>Kubernetes' ShortHumanDuration: one unit only ("5m", "2d").</summary>
    public static string FormatShort(TimeSpan duration)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var written = WriteShort(duration, buffer);
        return new string(buffer[..written]);
    }

    /// <summary>Writes <see cref="Format"/>'s result into <paramref name="destination"/> (at least <see cref="MaxLength"/> chars); returns the length.</summary>
    public static int Write(TimeSpan duration, Span<char> destination)
    {
        var ticks = duration.Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        if (seconds < -1)
        {
            return Text(Invalid, destination);
        }
        if (seconds < 0)
        {
            return Unit(0, 's', destination);
        }
        if (seconds < 60 * 2)
        {
            return Unit(seconds, 's', destination);
        }

        var minutes = ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            return Units(minutes, 'm', seconds % 60, 's', destination);
        }
        if (minutes < 60 * 3)
        {
            return Unit(minutes, 'm', destination);
        }

        var hours = ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            return Units(hours, 'h', minutes % 60, 'm', destination);
        }
        if (hours < 48)
        {
            return Unit(hours, 'h', destination);
        }
        if (hours < 24 * 8)
        {
            return Units(hours / 24, 'd', hours % 24, 'h', destination);
        }
        if (hours < 24 * 365 * 2)
        {
            return Unit(hours / 24, 'd', destination);
        }
        if (hours < 24 * 365 * 8)
        {
            return Units(hours / 24 / 365, 'y', hours / 24 % 365, 'd', destination);
        }
        return Unit(hours / 24 / 365, 'y', destination);
    }

    /// <summary>Writes <see cref="FormatShort"/>'s result into <paramref name="destination"/>; returns the length.</summary>
    public static int WriteShort(TimeSpan duration, Span<char> destination)
    {
        var ticks = duration.Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        if (seconds < -1)
        {
            return Text(Invalid, destination);
        }
        if (seconds < 0)
        {
            return Unit(0, 's', destination);
        }
        if (seconds < 60)
        {
            return Unit(seconds, 's', destination);
        }
        var minutes = ticks / TimeSpan.TicksPerMinute;
        if (minutes < 60)
        {
            return Unit(minutes, 'm', destination);
        }
        var hours = ticks / TimeSpan.TicksPerHour;
        if (hours < 24)
        {
            return Unit(hours, 'h', destination);
        }
        if (hours < 24 * 365)
        {
            return Unit(hours / 24, 'd', destination);
        }
        return Unit(hours / 24 / 365, 'y', destination);
    }

    private static int Text(string text, Span<char> destination)
    {
        text.AsSpan().CopyTo(destination);
        return text.Length;
    }

    private static int Unit(long value, char unit, Span<char> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        destination[written] = unit;
        return written + 1;
    }

    /// <summary>"NxMy", or just "Nx" when the second part is zero.</summary>
    private static int Units(long major, char majorUnit, long minor, char minorUnit, Span<char> destination)
    {
        var written = Unit(major, majorUnit, destination);
        return minor == 0 ? written : written + Unit(minor, minorUnit, destination[written..]);
    }
}
