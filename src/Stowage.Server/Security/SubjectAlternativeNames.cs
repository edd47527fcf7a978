using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Stowage.Server.Security;

/// <summary>
/// The DNS names and IP addresses a serving certificate must carry. Compared as sets, so the serving
/// certificate is re-issued exactly when the names clients may use change.
/// </summary>
internal sealed class SubjectAlternativeNames : IEquatable<SubjectAlternativeNames>
{
    private SubjectAlternativeNames(IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        DnsNames = new SortedSet<string>(dnsNames.Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);
        IpAddresses = new SortedSet<string>(ipAddresses.Select(Normalise), StringComparer.Ordinal);
    }

    public SortedSet<string> DnsNames { get; }

    /// <summary>Addresses in canonical text form (IPv4-mapped IPv6 folded to IPv4).</summary>
    public SortedSet<string> IpAddresses { get; }

    /// <summary>localhost, 127.0.0.1, ::1, the host name, the kubeconfig host and any extra names.</summary>
    public static SubjectAlternativeNames For(CredentialOptions options)
    {
        var dns = new List<string> { "localhost" };
        var ips = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };

        var hostName = options.MachineHostName ?? Dns.GetHostName();
        foreach (var name in (string[])[hostName, options.Host, .. options.ExtraSubjectAlternativeNames])
        {
            var trimmed = name.Trim().Trim('[', ']');
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (IPAddress.TryParse(trimmed, out var ip))
            {
                if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
                {
                    ips.Add(ip);
                }
            }
            else
            {
                dns.Add(trimmed);
            }
        }

        return new SubjectAlternativeNames(dns, ips);
    }

    public static SubjectAlternativeNames Of(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return extension is null
            ? new SubjectAlternativeNames([], [])
            : new SubjectAlternativeNames(extension.EnumerateDnsNames(), extension.EnumerateIPAddresses());
    }

    public X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
        {
            builder.AddDnsName(name);
        }

        foreach (var ip in IpAddresses)
        {
            builder.AddIpAddress(IPAddress.Parse(ip));
        }

        return builder.Build(critical: false);
    }

    public bool Equals(SubjectAlternativeNames? other) =>
        other is not null && DnsNames.SetEquals(other.DnsNames) && IpAddresses.SetEquals(other.IpAddresses);

    public override bool Equals(object? obj) => Equals(obj as SubjectAlternativeNames);

    public override int GetHashCode() => HashCode.Combine(DnsNames.Count, IpAddresses.Count);

    public override string ToString() => string.Join(", ", DnsNames.Concat(IpAddresses));

    private static string Normalise(IPAddress ip) =>
        (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
}
