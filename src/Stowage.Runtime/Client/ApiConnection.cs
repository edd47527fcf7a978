using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Stowage.Runtime.Client;

/// <summary>How to reach an API server: its URL, the CA that signed its certificate, and a bearer token.</summary>
/// <param name="Server">The https URL.</param>
/// <param name="CertificateAuthorityPem">The CA certificate (PEM) to trust.</param>
/// <param name="Token">The bearer token.</param>
public sealed record ApiConnection(Uri Server, string CertificateAuthorityPem, string Token)
{
    /// <summary>
    /// Where requests go instead of HTTPS, for clients that run inside the API server's process (the
    /// server's loopback transport); null for a network connection. Requests still carry the token.
    /// </summary>
    public Func<HttpMessageHandler>? Transport { get; init; }

    /// <summary>An HttpClient for this server: trusts only the CA, sends the token, keeps many connections (watches hold one each).</summary>
    public HttpClient CreateHttpClient()
    {
        if (Transport is not null)
        {
            return Configure(new HttpClient(Transport(), disposeHandler: true));
        }
        var ca = X509Certificate2.CreateFromPem(CertificateAuthorityPem);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                {
                    if (cert is null || chain is null)
                    {
                        return false;
                    }
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert)) && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
                },
            },
        };
        return Configure(new HttpClient(handler));
    }

    private HttpClient Configure(HttpClient client)
    {
        client.BaseAddress = Server;
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("stowage-controller/0.1");
        return client;
    }
}
