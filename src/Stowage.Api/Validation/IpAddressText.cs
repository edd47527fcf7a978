using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Stowage.Api.Validation;

/// <summary>
/// IP parsing as Kubernetes does it (k8s.io/utils/net ParseIPSloppy: Go's net.ParseIP that also
/// takes IPv4 octets with leading zeros) and the classification ValidateNonSpecialIP uses.
/// .NET's IPAddress.TryParse alone is far more lenient ("1" parses as 0.0.0.1), hence the checks.
/// </summary>
internal static class IpAddressText
{
    public static IPAddress? ParseSloppy(string text)
    {
        if (text.Contains('.', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal))
        {
            var parts = text.Split('.');
            if (parts.Length != 4)
            {
                return null;
            }
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                if (parts[i].Length is 0 or > 3 || !parts[i].All(char.IsAsciiDigit)
                    || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
                {
                    return null;
                }
            }
            return new IPAddress(bytes);
        }
        if (text.Contains(':', StringComparison.Ordinal) && !text.Any(c => c is '%' or '[' or ']' or '/')
            && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return v6;
        }
        return null;
    }

    /// <summary>The ValidateNonSpecialIP messages for a parsed address, in Kubernetes' order.</summary>
    public static IEnumerable<string> SpecialRangeMessages(IPAddress ip, string text)
    {
        var v4 = ip.AddressFamily == AddressFamily.InterNetwork ? ip.GetAddressBytes()
            : ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().GetAddressBytes() : null;
        var b = ip.GetAddressBytes();
        bool unspecified, loopback, linkLocalUnicast, linkLocalMulticast;
        if (v4 is not null)
        {
            unspecified = v4.All(x => x == 0);
            loopback = v4[0] == 127;
            linkLocalUnicast = v4[0] == 169 && v4[1] == 254;
            linkLocalMulticast = v4[0] == 224 && v4[1] == 0 && v4[2] == 0;
        }
        else
        {
            unspecified = b.All(x => x == 0);
            loopback = b.Take(15).All(x => x == 0) && b[15] == 1;
            linkLocalUnicast = b[0] == 0xfe && (b[1] & 0xc0) == 0x80;
            linkLocalMulticast = b[0] == 0xff && (b[1] & 0x0f) == 0x02;
        }
        if (unspecified)
        {
            yield return $"may not be unspecified ({text})";
        }
        if (loopback)
        {
            yield return "may not be in the loopback range (127.0.0.0/8, ::1/128)";
        }
        if (linkLocalUnicast)
        {
            yield return "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
        }
        if (linkLocalMulticast)
        {
            yield return "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
        }
    }
}
