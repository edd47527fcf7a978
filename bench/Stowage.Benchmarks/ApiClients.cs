using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Stowage.Benchmarks;

/// <summary>
/// HTTPS clients for a running API server: each trusts the cluster CA, sends the admin bearer token and speaks
/// HTTP/1.1 over its own single keep-alive connection (so N clients are N connections, as wrk's -c N).
/// </summary>
internal sealed class ApiClients : IDisposable
{
    private readonly List<HttpClient> _clients = [];
    private readonly X509Certificate2 _ca;
    private readonly Uri _baseAddress;
    private readonly string _token;

    public ApiClients(Uri baseAddress, string caPemPath, string token)
    {
        _ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPemPath));
        _baseAddress = baseAddress;
        _token = token;
    }

    /// <summary>A new client with its own connection.</summary>
    public HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = TrustOnly(_ca),
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = _baseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromMinutes(5),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("stowage-bench/1.0");
        _clients.Add(client);
        return client;
    }

    /// <summary>A certificate check that accepts only chains ending at <paramref name="ca"/>.</summary>
    public static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 ca) => (_, certificate, chain, _) =>
    {
        if (certificate is null || chain is null)
        {
            return false;
        }

        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    };

    /// <summary><paramref name="count"/> new clients.</summary>
    public IReadOnlyList<HttpClient> Create(int count) => Enumerable.Range(0, count).Select(_ => Create()).ToList();

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _ca.Dispose();
    }
}
