using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.WebSockets;
using Stowage.Api.Core;
using Stowage.Server.Errors;
using Stowage.Server.Resources;

namespace Stowage.Server.NodeProxy;

/// <summary>
/// How the API server reaches a node agent's kubelet-like endpoint (Kubernetes' kubelet client):
/// the address is the Node's <c>status.addresses</c> InternalIP (then ExternalIP, then Hostname),
/// the port its <c>status.daemonEndpoints.kubeletEndpoint.Port</c> (default 10250), over HTTPS with
/// the cluster admin bearer token.
/// </summary>
/// <remarks>
/// Like Kubernetes without <c>--kubelet-certificate-authority</c> (its default), the agent's
/// serving certificate is not verified: each agent makes its own self-signed one. The token
/// authenticates the API server to the agent; the channel is encrypted but the agent's identity is
/// taken on trust from the Node object, which only an administrator (or the agent) can write.
/// </remarks>
public sealed class NodeConnector : IDisposable
{
    /// <summary>The kubelet's port when the Node does not say.</summary>
    public const int DefaultPort = 10250;

    private readonly ResourceCatalog _catalog;
    private readonly string _token;
    private readonly SocketsHttpHandler _handler;

    /// <summary>Creates the connector; requests carry <paramref name="token"/>.</summary>
    public NodeConnector(ResourceCatalog catalog, string token)
    {
        _catalog = catalog;
        _token = token;
        _handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = AcceptAny },
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        Http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client for plain requests (logs) to agents; carries the token, streams responses.</summary>
    public HttpClient Http { get; }

    /// <summary>The base URL of a node's agent, e.g. https://10.0.0.5:10250/.</summary>
    public async Task<Uri> ResolveAsync(string nodeName, CancellationToken cancellationToken)
    {
        var node = await _catalog.Store<Node>().TryGetAsync(null, nodeName, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound("nodes", "", nodeName));
        var addresses = node.Status?.Addresses ?? [];
        var host = new[] { "InternalIP", "ExternalIP", "Hostname" }
            .Select(type => addresses.FirstOrDefault(a => a.Type == type && a.Address.Length > 0)?.Address)
            .FirstOrDefault(a => a is not null)
            ?? throw new ApiException(StatusErrors.BadRequest($"no preferred addresses found; known addresses: []"));
        var port = DefaultPort;
        if (node.Status?.DaemonEndpoints?["kubeletEndpoint"]?["Port"] is { } p
            && int.TryParse(p.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) && given > 0)
        {
            port = given;
        }
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new Uri($"https://{hostPart}:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>Opens a WebSocket to an agent URL offering <paramref name="subprotocols"/>; null on an HTTP refusal, with its code.</summary>
    public async Task<(ClientWebSocket? Socket, int StatusCode)> ConnectWebSocketAsync(Uri url, IEnumerable<string> subprotocols, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = AcceptAny;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _token);
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        foreach (var p in subprotocols)
        {
            socket.Options.AddSubProtocol(p);
        }
        var wss = new UriBuilder(url) { Scheme = "wss" }.Uri;
        try
        {
            await socket.ConnectAsync(wss, cancellationToken).ConfigureAwait(false);
            return (socket, 101);
        }
        catch (WebSocketException e)
        {
            var code = (int)socket.HttpStatusCode;
            socket.Dispose();
            if (code is >= 400 and < 600)
            {
                return (null, code);
            }
            throw new ApiException(StatusErrors.Internal($"error dialing backend: {e.Message}"));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    private static bool AcceptAny(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) => true;
}
