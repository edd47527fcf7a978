using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stowage.Server.Security;

/// <summary>
/// The cluster's own PKI and admin credentials, kept under the data directory:
/// <code>
/// pki/ca.crt, pki/ca.key          the CA (ECDSA P-256, CN stowage-ca, 10 years)
/// pki/server.crt, pki/server.key  the serving certificate (1 year, serverAuth, localhost/127.0.0.1/::1/host name/extras)
/// admin.token                     the admin bearer token (32 random bytes, base64url)
/// kubeconfig.yaml                 cluster "stowage", user "admin", context "stowage"
/// </code>
/// Keys, the token and the kubeconfig are mode 0600; certificates 0644.
/// </summary>
/// <remarks>
/// Invariants on every start: an existing CA is never replaced (that would strand every kubeconfig
/// handed out), so a CA certificate without its key is an error for the operator to resolve; the
/// serving certificate is re-issued when it no longer chains to the CA, its names differ from the
/// wanted ones, or it has under 30 days left; the kubeconfig is rewritten whenever its content would
/// change (a new port, host, token or CA). Each file is replaced atomically, so a crash between any
/// two writes leaves a state the next start completes.
/// </remarks>
public sealed class ClusterCredentials : IDisposable
{
    private readonly X509Certificate2 _authority;

    private ClusterCredentials(
        string dataDirectory,
        X509Certificate2 authority,
        string authorityPem,
        X509Certificate2 serving,
        string adminToken,
        CredentialChanges changes)
    {
        DataDirectory = dataDirectory;
        _authority = authority;
        CertificateAuthorityPem = authorityPem;
        ServingCertificate = serving;
        AdminToken = adminToken;
        Changes = changes;
    }

    public string DataDirectory { get; }

    public string KubeconfigPath => Path.Combine(DataDirectory, "kubeconfig.yaml");

    public string AdminTokenPath => Path.Combine(DataDirectory, "admin.token");

    public string PkiDirectory => Path.Combine(DataDirectory, "pki");

    /// <summary>The serving certificate with its private key, ready for Kestrel's HTTPS.</summary>
    public X509Certificate2 ServingCertificate { get; }

    /// <summary>The CA certificate (public part), as clients must trust it.</summary>
    public X509Certificate2 CertificateAuthority => _authority;

    public string CertificateAuthorityPem { get; }

    public string AdminToken { get; }

    /// <summary>What this load had to create or rewrite.</summary>
    public CredentialChanges Changes { get; private set; }

    /// <summary>Loads the credentials under <paramref name="dataDir"/>, creating whatever is missing.</summary>
    public static async Task<ClusterCredentials> LoadOrCreateAsync(string dataDir, CredentialOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is <= 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "port must be 1-65535");
        }

        var dataDirectory = Path.GetFullPath(dataDir);
        SecureFile.CreateDirectory(dataDirectory);
        var pki = Path.Combine(dataDirectory, "pki");
        SecureFile.CreateDirectory(pki);

        var now = options.TimeProvider.GetUtcNow();
        var changes = CredentialChanges.None;

        var (authority, authorityPem, createdAuthority) = await LoadOrCreateAuthorityAsync(pki, now, cancellationToken).ConfigureAwait(false);
        if (createdAuthority)
        {
            changes |= CredentialChanges.CreatedCertificateAuthority;
        }

        X509Certificate2? serving = null;
        try
        {
            var names = SubjectAlternativeNames.For(options);
            (serving, var issued) = await LoadOrIssueServingAsync(pki, authority, names, now, cancellationToken).ConfigureAwait(false);
            if (issued)
            {
                changes |= CredentialChanges.IssuedServingCertificate;
            }

            var (token, createdToken) = await LoadOrCreateTokenAsync(Path.Combine(dataDirectory, "admin.token"), cancellationToken).ConfigureAwait(false);
            if (createdToken)
            {
                changes |= CredentialChanges.CreatedAdminToken;
            }

            var credentials = new ClusterCredentials(dataDirectory, authority, authorityPem, serving, token, changes);
            if (await credentials.WriteKubeconfigIfChangedAsync(ServerUrl(options.Host, options.Port), cancellationToken).ConfigureAwait(false))
            {
                credentials.Changes |= CredentialChanges.WroteKubeconfig;
            }

            return credentials;
        }
        catch
        {
            serving?.Dispose();
            authority.Dispose();
            throw;
        }
    }

    /// <summary><c>https://host:port</c>, with IPv6 literals bracketed.</summary>
    public static Uri ServerUrl(string host, int port)
    {
        var literal = IPAddress.TryParse(host.Trim('[', ']'), out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{ip}]"
            : host;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{literal}:{port}"));
    }

    /// <summary>The admin kubeconfig for a server URL, as text.</summary>
    public string RenderKubeconfig(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Kubeconfig.Render(server, CertificateAuthorityPem, AdminToken);
    }

    /// <summary>Writes the admin kubeconfig for <paramref name="server"/> to <see cref="KubeconfigPath"/> (mode 0600).</summary>
    public Task WriteKubeconfigAsync(Uri server, CancellationToken cancellationToken) =>
        SecureFile.WriteAllTextAsync(KubeconfigPath, RenderKubeconfig(server), SecureFile.OwnerOnly, cancellationToken);

    public void Dispose()
    {
        ServingCertificate.Dispose();
        _authority.Dispose();
    }

    private async Task<bool> WriteKubeconfigIfChangedAsync(Uri server, CancellationToken cancellationToken)
    {
        var wanted = RenderKubeconfig(server);
        var existing = await SecureFile.ReadAllTextOrNullAsync(KubeconfigPath, cancellationToken).ConfigureAwait(false);
        if (existing == wanted)
        {
            return false;
        }

        await SecureFile.WriteAllTextAsync(KubeconfigPath, wanted, SecureFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<(X509Certificate2 Authority, string Pem, bool Created)> LoadOrCreateAuthorityAsync(
        string pki, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var certPath = Path.Combine(pki, "ca.crt");
        var keyPath = Path.Combine(pki, "ca.key");
        var certPem = await SecureFile.ReadAllTextOrNullAsync(certPath, cancellationToken).ConfigureAwait(false);
        var keyPem = await SecureFile.ReadAllTextOrNullAsync(keyPath, cancellationToken).ConfigureAwait(false);

        if (certPem is not null && keyPem is not null)
        {
            return (X509Certificate2.CreateFromPem(certPem, keyPem), certPem, false);
        }

        if (certPem is not null || keyPem is not null)
        {
            throw new InvalidOperationException(
                $"{(certPem is null ? certPath : keyPath)} is missing but its pair exists; restore it, or delete {pki} to create a new CA (existing kubeconfigs will stop working).");
        }

        using var created = CertificateIssuer.CreateAuthority(now);
        var pem = created.ExportCertificatePem() + "\n";
        // Key first: a crash after it leaves a state that is reported, not a CA nobody can sign with.
        await SecureFile.WriteAllTextAsync(keyPath, ExportKeyPem(created) + "\n", SecureFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
        await SecureFile.WriteAllTextAsync(certPath, pem, SecureFile.Public, cancellationToken).ConfigureAwait(false);
        return (X509Certificate2.CreateFromPem(pem, ExportKeyPem(created)), pem, true);
    }

    private static async Task<(X509Certificate2 Serving, bool Issued)> LoadOrIssueServingAsync(
        string pki, X509Certificate2 authority, SubjectAlternativeNames names, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var certPath = Path.Combine(pki, "server.crt");
        var keyPath = Path.Combine(pki, "server.key");
        var certPem = await SecureFile.ReadAllTextOrNullAsync(certPath, cancellationToken).ConfigureAwait(false);
        var keyPem = await SecureFile.ReadAllTextOrNullAsync(keyPath, cancellationToken).ConfigureAwait(false);

        if (certPem is not null && keyPem is not null && TryLoad(certPem, keyPem) is { } existing)
        {
            if (CertificateIssuer.IsCurrent(existing, authority, names, now))
            {
                return (ForKestrel(existing), false);
            }

            existing.Dispose();
        }

        using var issued = CertificateIssuer.IssueServing(authority, names, now);
        var issuedCertPem = issued.ExportCertificatePem() + "\n";
        var issuedKeyPem = ExportKeyPem(issued) + "\n";
        await SecureFile.WriteAllTextAsync(keyPath, issuedKeyPem, SecureFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
        await SecureFile.WriteAllTextAsync(certPath, issuedCertPem, SecureFile.Public, cancellationToken).ConfigureAwait(false);
        return (ForKestrel(issued), true);
    }

    private static async Task<(string Token, bool Created)> LoadOrCreateTokenAsync(string path, CancellationToken cancellationToken)
    {
        var existing = (await SecureFile.ReadAllTextOrNullAsync(path, cancellationToken).ConfigureAwait(false))?.Trim();
        if (!string.IsNullOrEmpty(existing))
        {
            return (existing, false);
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await SecureFile.WriteAllTextAsync(path, token + "\n", SecureFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
        return (token, true);
    }

    /// <summary>A certificate and key that do not parse or do not match are treated as absent and re-issued.</summary>
    private static X509Certificate2? TryLoad(string certPem, string keyPem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certPem, keyPem);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Re-imports through PKCS#12 so the private key is a persisted-style key that every TLS stack
    /// accepts (a PEM-loaded key is ephemeral, which SChannel rejects); harmless on Linux.
    /// </summary>
    private static X509Certificate2 ForKestrel(X509Certificate2 certificate)
    {
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        try
        {
            return X509CertificateLoader.LoadPkcs12(pfx, password: null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
            certificate.Dispose();
        }
    }

    private static string ExportKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"{certificate.Subject} has no ECDSA private key");
        return key.ExportPkcs8PrivateKeyPem();
    }
}
