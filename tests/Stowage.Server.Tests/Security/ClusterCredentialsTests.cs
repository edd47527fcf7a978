using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Stowage.Server.Security;

namespace Stowage.Server.Tests.Security;

public sealed class ClusterCredentialsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 4, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(Start);

    public void Dispose() => _directory.Dispose();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task First_start_creates_the_ca_serving_certificate_token_and_kubeconfig_with_owner_only_secrets()
    {
        using var credentials = await LoadAsync();

        Assert.Equal(
            CredentialChanges.CreatedCertificateAuthority | CredentialChanges.IssuedServingCertificate
                | CredentialChanges.CreatedAdminToken | CredentialChanges.WroteKubeconfig,
            credentials.Changes);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_directory.Combine("pki", "ca.key")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_directory.Combine("pki", "server.key")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_directory.Combine("admin.token")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_directory.Combine("kubeconfig.yaml")));
        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_directory.Combine("pki", "ca.crt")));
        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_directory.Combine("pki", "server.crt")));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(_directory.Combine("pki", "ca.crt")), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(_directory.Combine("pki", "server.key")), StringComparison.Ordinal);
        Assert.Equal(_directory.Combine("kubeconfig.yaml"), credentials.KubeconfigPath);
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Admin_token_is_32_random_bytes_in_base64url_and_is_what_the_token_file_holds()
    {
        using var credentials = await LoadAsync();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", credentials.AdminToken);
        Assert.Equal(credentials.AdminToken, (await File.ReadAllTextAsync(credentials.AdminTokenPath)).Trim());
    }

    [Fact]
    public async Task Second_start_reuses_every_credential_and_rewrites_nothing()
    {
        using var first = await LoadAsync();
        var files = SnapshotFiles();

        using var second = await LoadAsync();

        Assert.Equal(CredentialChanges.None, second.Changes);
        Assert.Equal(first.CertificateAuthority.Thumbprint, second.CertificateAuthority.Thumbprint);
        Assert.Equal(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Equal(first.AdminToken, second.AdminToken);
        Assert.Equal(files, SnapshotFiles());
    }

    [Fact]
    public async Task Ca_is_a_ten_year_p256_authority_named_stowage_ca()
    {
        using var credentials = await LoadAsync();
        var ca = credentials.CertificateAuthority;

        Assert.Equal("CN=stowage-ca", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.InRange(ca.NotAfter.ToUniversalTime() - Start.UtcDateTime, TimeSpan.FromDays(3650), TimeSpan.FromDays(3653));
        using var key = ca.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
    }

    [Fact]
    public async Task Serving_certificate_chains_to_the_ca_and_names_localhost_loopbacks_host_and_extras()
    {
        using var credentials = await LoadAsync(new CredentialOptions
        {
            Host = "stowage.example",
            ExtraSubjectAlternativeNames = ["10.0.0.5", "0.0.0.0", "api.internal"],
            MachineHostName = "node-7",
        });
        var serving = credentials.ServingCertificate;

        var names = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["api.internal", "localhost", "node-7", "stowage.example"], names.EnumerateDnsNames().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["10.0.0.5", "127.0.0.1", "::1"],
            names.EnumerateIPAddresses().Select(ip => ip.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.InRange(serving.NotAfter.ToUniversalTime() - Start.UtcDateTime, TimeSpan.FromDays(364), TimeSpan.FromDays(366));
        Assert.True(serving.HasPrivateKey);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(credentials.CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Start.UtcDateTime.AddDays(1);
        Assert.True(chain.Build(serving), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(serving.MatchesHostname("localhost"));
        Assert.True(serving.MatchesHostname("node-7"));
        Assert.True(serving.MatchesHostname("::1"));
    }

    [Fact]
    public async Task Machine_host_name_is_in_the_serving_certificate_by_default()
    {
        using var credentials = await LoadAsync();

        Assert.True(credentials.ServingCertificate.MatchesHostname(Dns.GetHostName()));
    }

    [Fact]
    public async Task Serving_certificate_is_reissued_when_the_names_change_but_the_ca_and_token_stay()
    {
        using var first = await LoadAsync();

        using var second = await LoadAsync(new CredentialOptions { ExtraSubjectAlternativeNames = ["192.168.1.20"] });

        Assert.Equal(CredentialChanges.IssuedServingCertificate, second.Changes);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Equal(first.CertificateAuthority.Thumbprint, second.CertificateAuthority.Thumbprint);
        Assert.Equal(first.AdminToken, second.AdminToken);
        Assert.True(second.ServingCertificate.MatchesHostname("192.168.1.20"));
    }

    [Fact]
    public async Task Serving_certificate_is_kept_while_more_than_thirty_days_remain()
    {
        using var first = await LoadAsync();
        _clock.Now = Start.AddDays(330);

        using var later = await LoadAsync();

        Assert.Equal(first.ServingCertificate.Thumbprint, later.ServingCertificate.Thumbprint);
        Assert.Equal(CredentialChanges.None, later.Changes);
    }

    [Fact]
    public async Task Serving_certificate_is_reissued_within_thirty_days_of_expiry()
    {
        using var first = await LoadAsync();
        _clock.Now = Start.AddDays(340);

        using var later = await LoadAsync();

        Assert.Equal(CredentialChanges.IssuedServingCertificate, later.Changes);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, later.ServingCertificate.Thumbprint);
        Assert.InRange(later.ServingCertificate.NotAfter.ToUniversalTime() - _clock.Now.UtcDateTime, TimeSpan.FromDays(364), TimeSpan.FromDays(366));
    }

    [Fact]
    public async Task Corrupt_serving_certificate_is_reissued()
    {
        using (await LoadAsync())
        {
        }

        await File.WriteAllTextAsync(_directory.Combine("pki", "server.crt"), "not a certificate");

        using var again = await LoadAsync();

        Assert.Equal(CredentialChanges.IssuedServingCertificate, again.Changes);
        Assert.True(again.ServingCertificate.HasPrivateKey);
    }

    [Fact]
    public async Task Ca_certificate_without_its_key_is_reported_rather_than_replaced()
    {
        using (await LoadAsync())
        {
        }

        File.Delete(_directory.Combine("pki", "ca.key"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadAsync());
        Assert.Contains("ca.key", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(_directory.Combine("pki", "ca.crt")));
    }

    [Fact]
    public async Task Kubeconfig_is_rewritten_when_the_port_changes_and_only_then()
    {
        using (await LoadAsync(new CredentialOptions { Port = 6443 }))
        {
        }

        using var moved = await LoadAsync(new CredentialOptions { Port = 7443 });

        Assert.Equal(CredentialChanges.WroteKubeconfig, moved.Changes);
        Assert.Contains("server: \"https://127.0.0.1:7443\"", await File.ReadAllTextAsync(moved.KubeconfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_holds_the_ca_pem_and_the_admin_token()
    {
        using var credentials = await LoadAsync();
        var text = await File.ReadAllTextAsync(credentials.KubeconfigPath);

        var caData = System.Text.RegularExpressions.Regex.Match(text, "certificate-authority-data: \"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(credentials.CertificateAuthorityPem, System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
        Assert.Equal(await File.ReadAllTextAsync(_directory.Combine("pki", "ca.crt")), credentials.CertificateAuthorityPem);
        Assert.Contains($"token: \"{credentials.AdminToken}\"", text, StringComparison.Ordinal);
        Assert.Contains("current-context: stowage", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", 6443, "https://127.0.0.1:6443/")]
    [InlineData("::1", 6443, "https://[::1]:6443/")]
    [InlineData("[fd00::5]", 443, "https://[fd00::5]/")]
    [InlineData("stowage.example", 8443, "https://stowage.example:8443/")]
    public void Server_url_brackets_ipv6_hosts(string host, int port, string expected)
    {
        Assert.Equal(expected, ClusterCredentials.ServerUrl(host, port).AbsoluteUri);
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private Task<ClusterCredentials> LoadAsync(CredentialOptions? options = null) =>
        ClusterCredentials.LoadOrCreateAsync(
            _directory.Path, (options ?? new CredentialOptions()) with { TimeProvider = _clock }, CancellationToken.None);

    private Dictionary<string, string> SnapshotFiles() =>
        Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + File.GetLastWriteTimeUtc(f).Ticks);
}
