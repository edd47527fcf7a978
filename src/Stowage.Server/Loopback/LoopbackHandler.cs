using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Stowage.Server.Loopback;

/// <summary>
/// The server's loopback transport (kube-apiserver's loopback client, without the socket): an
/// <see cref="HttpMessageHandler"/> that hands each request to the server's own request pipeline in
/// this process. The embedded controller manager and node agent use it, so their requests still pass
/// authentication, routing, validation, admission and the datastore's preconditions exactly as any
/// client's, without TLS, TCP or HTTP parsing on either side.
/// </summary>
/// <remarks>
/// The application runs on the calling thread until its first real wait. A response that the
/// application ends without flushing arrives whole (one buffer, no pipe); one that it starts or flushes
/// early — a watch, a log stream — arrives as a stream that ends when the application does, and
/// disposing that stream aborts the request (<see cref="HttpContext.RequestAborted"/>), as closing a
/// connection would.
/// </remarks>
public sealed class LoopbackHandler : HttpMessageHandler
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private readonly RequestDelegate _application;

    /// <summary>Creates a handler that serves requests with <paramref name="application"/>.</summary>
    public LoopbackHandler(RequestDelegate application)
    {
        _application = application;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("The loopback transport needs an absolute request URI (set HttpClient.BaseAddress).");

        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = new StringValues(values as string[] ?? values.ToArray());
        }
        Stream body = Stream.Null;
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers)
            {
                headers[name] = new StringValues(values as string[] ?? values.ToArray());
            }
            if (content.Headers.ContentLength is { } length)
            {
                headers.ContentLength = length; // computed by the content, not among its headers until asked
            }
            body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        headers.Host = uri.Authority;

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = uri.Scheme,
            Method = request.Method.Method,
            PathBase = "",
            Path = PathString.FromUriComponent(uri.AbsolutePath).Value ?? "/",
            QueryString = uri.Query,
            RawTarget = uri.PathAndQuery,
            Headers = headers,
            Body = body,
        });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = "loopback",
            LocalIpAddress = Loopback,
            RemoteIpAddress = Loopback,
            LocalPort = uri.Port,
        });
        var exchange = new LoopbackExchange(request);
        features.Set<IHttpResponseFeature>(exchange);
        features.Set<IHttpResponseBodyFeature>(exchange);
        features.Set<IHttpRequestLifetimeFeature>(exchange);

        using var abandon = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((LoopbackExchange)state!).AbandonBeforeResponse(), exchange)
            : default;
        _ = exchange.RunAsync(_application, new DefaultHttpContext(features));
        return await exchange.Response.ConfigureAwait(false);
    }
}
