using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stowage.Node.Streaming;

/// <summary>
/// The node agent's small kubelet-like HTTPS API, to which the API server proxies pods/log and
/// pods/exec (as Kubernetes' API server does to the kubelet's port 10250):
/// <code>
/// GET /containerLogs/{namespace}/{pod}/{container}?follow&amp;previous&amp;tailLines&amp;limitBytes&amp;sinceSeconds&amp;timestamps
/// GET /exec/{namespace}/{pod}/{container}?command=..&amp;stdin&amp;stdout&amp;stderr&amp;tty   (WebSocket, v5/v4.channel.k8s.io)
/// GET /healthz
/// </code>
/// Every request but /healthz must carry <c>Authorization: Bearer &lt;token&gt;</c>. Errors are plain
/// text with the kubelet's status codes; the API server turns them into Status objects.
/// </summary>
public sealed partial class AgentStreamingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _token;
    private readonly IContainerLocator _locator;
    private readonly ContainerLogReader _logs;
    private readonly ContainerExecutor _executor;
    private readonly ILogger _logger;

    private AgentStreamingServer(WebApplication app, AgentStreamingOptions options, IContainerLocator locator, TimeProvider clock, ILogger logger)
    {
        _app = app;
        _token = Encoding.UTF8.GetBytes(options.BearerToken);
        _locator = locator;
        _logs = new ContainerLogReader(options.Paths, locator, clock);
        _executor = new ContainerExecutor(options.Paths.RuncRoot, options.RuncPath);
        _logger = logger;
    }

    /// <summary>The port the server listens on (the one chosen when the options said 0).</summary>
    public int Port { get; private set; }

    /// <summary>The server's certificate (self-signed unless one was given).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; private set; } = null!;

    /// <summary>Starts listening.</summary>
    public static async Task<AgentStreamingServer> StartAsync(AgentStreamingOptions options, IContainerLocator locator, ILoggerFactory? loggerFactory,
        TimeProvider? clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(locator);
        var certificate = options.Certificate ?? SelfSignedCertificate.Create(options.NodeName, options.BindAddress);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress, options.Port, listen =>
            {
                // WebSocket upgrades need HTTP/1.1; the API server is the only client.
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<AgentStreamingServer>();
        var server = new AgentStreamingServer(app, options, locator, clock ?? TimeProvider.System, logger) { Certificate = certificate };
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        LogListening(logger, server.Port);
        return server;
    }

    /// <summary>
    /// Runs a command in a pod's container in-process, exactly as the exec endpoint does: for tests
    /// and for the agent's own probes.
    /// </summary>
    public async Task<ExecOutcome> ExecAsync(string ns, string pod, string container, ExecRequest request, ExecStreams streams, CancellationToken cancellationToken)
    {
        var location = _locator.Locate(ns, pod, container);
        if (location is not { Running: true })
        {
            return new ExecOutcome(-1, $"container \"{container}\" in pod \"{pod}\" is not running");
        }
        return await _executor.ExecAsync(location.ContainerId, request, streams, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path == "/healthz")
            {
                await WriteTextAsync(context, 200, "ok").ConfigureAwait(false);
                return;
            }
            if (!Authorized(context.Request.Headers.Authorization.ToString()))
            {
                await WriteTextAsync(context, 401, "Unauthorized").ConfigureAwait(false);
                return;
            }
            var segments = path.Trim('/').Split('/');
            switch (segments)
            {
                case ["containerLogs", var ns, var pod, var container] when HttpMethods.IsGet(context.Request.Method):
                    await ServeLogsAsync(context, ns, pod, container).ConfigureAwait(false);
                    return;
                case ["exec", var ns, var pod, var container] when HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsPost(context.Request.Method):
                    await ServeExecAsync(context, ns, pod, container).ConfigureAwait(false);
                    return;
                default:
                    await WriteTextAsync(context, 404, "404 page not found").ConfigureAwait(false);
                    return;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private bool Authorized(string header)
    {
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim()), _token);
    }

    private async Task ServeLogsAsync(HttpContext context, string ns, string pod, string container)
    {
        var query = context.Request.Query;
        Func<Stream, CancellationToken, Task> stream;
        try
        {
            var options = new LogOptions
            {
                Follow = Flag(query["follow"]),
                Previous = Flag(query["previous"]),
                Timestamps = Flag(query["timestamps"]),
                TailLines = Number(query["tailLines"]),
                LimitBytes = Number(query["limitBytes"]),
                SinceSeconds = Number(query["sinceSeconds"]),
            };
            stream = _logs.Open(ns, pod, container, options);
        }
        catch (ContainerLogException e)
        {
            await WriteTextAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
            return;
        }
        catch (FormatException e)
        {
            await WriteTextAsync(context, 400, e.Message).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        await stream(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ServeExecAsync(HttpContext context, string ns, string pod, string container)
    {
        var query = context.Request.Query;
        var request = new ExecRequest([.. query["command"].Select(c => c ?? "")], Flag(query["stdin"]), Flag(query["stdout"]), Flag(query["stderr"]), Flag(query["tty"]));
        if (request.Tty)
        {
            request = request with { Stderr = false };
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteTextAsync(context, 400, "Upgrade request required").ConfigureAwait(false);
            return;
        }
        var protocol = RemoteCommandProtocol.Negotiate(context.WebSockets.WebSocketRequestedProtocols);
        if (protocol is null)
        {
            await WriteTextAsync(context, 400, $"unable to upgrade: no supported subprotocol among [{string.Join(", ", context.WebSockets.WebSocketRequestedProtocols)}]; the server supports [{string.Join(", ", RemoteCommandProtocol.Supported)}]").ConfigureAwait(false);
            return;
        }
        if (_locator.Locate(ns, pod, container) is null)
        {
            await WriteTextAsync(context, 404, $"container \"{container}\" not found in pod \"{pod}\"").ConfigureAwait(false);
            return;
        }
        if (request.Command.Count == 0)
        {
            await WriteTextAsync(context, 400, "you must specify at least one command for the container").ConfigureAwait(false);
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        LogExec(_logger, ns, pod, container, request.Tty);
        var session = new WebSocketExecSession(socket, protocol);
        await session.RunAsync(request, (streams, ct) => ExecAsync(ns, pod, container, request, streams, ct), context.RequestAborted).ConfigureAwait(false);
    }

    private static bool Flag(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count > 0 && (value[0] is "true" or "1" or "True" || value[0] == "");

    private static long? Number(Microsoft.Extensions.Primitives.StringValues value)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return null;
        }
        return long.TryParse(value[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"invalid number \"{value[0]}\"");
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Agent streaming server listening on port {Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Exec in {Namespace}/{Pod} container {Container} (tty {Tty})")]
    private static partial void LogExec(ILogger logger, string @namespace, string pod, string container, bool tty);
}
