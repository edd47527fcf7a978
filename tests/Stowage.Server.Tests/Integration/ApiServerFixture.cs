using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Stowage.Server.Hosting;

namespace Stowage.Server.Tests.Integration;

/// <summary>An in-process API server on a free loopback port with a fresh data directory, and clients for it.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "stowage-it-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The running server.</summary>
    public StowageServer Server { get; private set; } = null!;

    /// <summary>An authenticated client.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Server = await StowageServer.StartAsync(new ServerOptions { DataDir = _dataDir, Port = 0 }, null, CancellationToken.None);
        Client = CreateClient(authenticated: true);
    }

    /// <summary>A client that trusts the cluster CA, with or without the admin token.</summary>
    public HttpClient CreateClient(bool authenticated)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_dataDir, "pki", "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                {
                    if (cert is null || chain is null) return false;
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Server.Url };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Credentials.AdminToken);
        }
        return client;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}

/// <summary>Small request helpers.</summary>
public static class Http
{
    /// <summary>Sends JSON with a method and content type; returns status and parsed body.</summary>
    public static async Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            body = JsonNode.Parse(text);
        }
        return ((int)response.StatusCode, body, response);
    }

    /// <summary>A PV manifest.</summary>
    public static string Pv(string name, string size = "1Gi", string labels = "{}") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels +
        "},\"spec\":{\"capacity\":{\"storage\":\"" + size + "\"},\"accessModes\":[\"ReadWriteOnce\"],\"hostPath\":{\"path\":\"/tmp/" + name + "\"}}}";
}
