using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Kubeconfig;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.Client;

/// <summary>A small Kubernetes REST client over <see cref="HttpClient"/>, working on JSON objects so every kind fits.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, HashSet<string>?> _served = new(StringComparer.Ordinal);

    /// <summary>Connects to the cluster with the kubeconfig's credentials.</summary>
    public ApiClient(ClusterConnection connection)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (connection.TlsServerName is { Length: > 0 } serverName)
        {
            ssl.TargetHost = serverName;
        }
        if (connection.InsecureSkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (connection.CertificateAuthorityPem is { Length: > 0 } caPem)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(caPem);
            ssl.RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
            {
                if (cert is null || chain is null)
                {
                    return false;
                }
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0 && chain.Build(new X509Certificate2(cert));
            };
        }
        if (connection.ClientCertificatePem is { Length: > 0 } certPem && connection.ClientKeyPem is { Length: > 0 } keyPem)
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);
            // TLS client authentication needs a key the platform's TLS stack can use: round-trip through PKCS#12.
            ssl.ClientCertificates = [X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null)];
        }
        _http = new HttpClient(new SocketsHttpHandler { SslOptions = ssl }) { BaseAddress = connection.Server, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("kubectl-volume/1.0");
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        if (connection.Token is { Length: > 0 } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (connection.Username is { Length: > 0 } user)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{connection.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    /// <summary>GET.</summary>
    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    /// <summary>POST a new object.</summary>
    public Task<ApiResponse> CreateAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, "application/json", cancellationToken);

    /// <summary>PATCH with a JSON merge patch.</summary>
    public Task<ApiResponse> MergePatchAsync(string path, JsonObject patch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json", cancellationToken);

    /// <summary>Whether discovery lists the resource of <paramref name="kind"/> (results are kept per group version).</summary>
    public async Task<bool> ServesAsync(ResourceKind kind, CancellationToken cancellationToken)
    {
        if (!_served.TryGetValue(kind.GroupVersionPath, out var resources))
        {
            var response = await GetAsync(kind.GroupVersionPath, cancellationToken).ConfigureAwait(false);
            resources = response.Object is null
                ? null
                : Json.Objects(response.Object["resources"]).Select(r => Json.Str(r["name"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
            _served[kind.GroupVersionPath] = resources;
        }
        return resources is not null && resources.Contains(kind.Resource);
    }

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? parsed = null;
        try
        {
            parsed = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status code tells what happened.
        }
        return response.IsSuccessStatusCode && parsed is JsonObject obj
            ? new ApiResponse(obj, null)
            : new ApiResponse(null, ApiStatus.From((int)response.StatusCode, parsed));
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
