using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stowage.Server.Security;

/// <summary>
/// Issues the cluster CA and the API server's serving certificate with .NET's own crypto:
/// ECDSA P-256 keys, SHA-256 signatures. Validity starts an hour in the past to tolerate clients
/// whose clocks run a little behind.
/// </summary>
internal static class CertificateIssuer
{
    public const string AuthorityName = "stowage-ca";

    public const string ServerName = "stowage";

    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3652);

    public static readonly TimeSpan ServingLifetime = TimeSpan.FromDays(365);

    /// <summary>Re-issue the serving certificate when it has less than this left.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    /// <summary>A self-signed CA (with its private key): CN stowage-ca, ten years, may sign leaves only.</summary>
    public static X509Certificate2 CreateAuthority(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={AuthorityName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - Backdate, now + AuthorityLifetime);
    }

    /// <summary>A serving certificate (with its private key) for the given names, signed by the CA.</summary>
    public static X509Certificate2 IssueServing(X509Certificate2 authority, SubjectAlternativeNames names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={ServerName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(names.ToExtension());

        var notAfter = now + ServingLifetime;
        if (notAfter > authority.NotAfter)
        {
            notAfter = authority.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER
        using var certificate = request.Create(authority, now - Backdate, notAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Whether a serving certificate can stay: it chains to this CA at <paramref name="now"/>, names
    /// exactly <paramref name="names"/>, and has more than <see cref="RenewBefore"/> left.
    /// </summary>
    public static bool IsCurrent(X509Certificate2 serving, X509Certificate2 authority, SubjectAlternativeNames names, DateTimeOffset now)
    {
        if (serving.NotAfter.ToUniversalTime() - now.UtcDateTime < RenewBefore || serving.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            return false;
        }

        if (!SubjectAlternativeNames.Of(serving).Equals(names))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(serving);
    }
}
