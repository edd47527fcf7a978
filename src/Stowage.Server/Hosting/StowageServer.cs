using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stowage.Server.Errors;
using Stowage.Server.Http;
using Stowage.Server.Loopback;
using Stowage.Server.Namespaces;
using Stowage.Server.NodeProxy;
using Stowage.Server.Resources;
using Stowage.Server.Security;
using Stowage.Storage;
using Stowage.Storage.Sqlite;

namespace Stowage.Server.Hosting;

/// <summary>
/// One running API server: the datastore, the resource catalog, HTTPS with bearer-token
/// authentication, and the server's own background loops (namespace lifecycle, compaction).
/// </summary>
public sealed partial class StowageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly ILogger<StowageServer> _logger;
    private NodeConnector? _nodes;
    private RequestDelegate? _handler;

    private StowageServer(WebApplication app, IStore store, ResourceCatalog catalog, ClusterCredentials credentials, ILogger<StowageServer> logger)
    {
        _app = app;
        Store = store;
        Catalog = catalog;
        Credentials = credentials;
        _logger = logger;
    }

    /// <summary>The datastore.</summary>
    public IStore Store { get; }

    /// <summary>The served resources.</summary>
    public ResourceCatalog Catalog { get; }

    /// <summary>The CA, serving certificate and admin credentials.</summary>
    public ClusterCredentials Credentials { get; }

    /// <summary>Prometheus metrics served at /metrics.</summary>
    public MetricsRegistry Metrics { get; } = new();

    /// <summary>The https URL the server listens on.</summary>
    public Uri Url { get; private set; } = new("https://127.0.0.1/");

    /// <summary>
    /// A transport into this server's request pipeline without a socket (see <see cref="LoopbackHandler"/>),
    /// for the clients embedded in this process: requests still carry and need credentials.
    /// </summary>
    public HttpMessageHandler CreateLoopbackHandler() =>
        new LoopbackHandler(_handler ?? throw new InvalidOperationException("The server has not started."));

    /// <summary>Opens the datastore, prepares credentials and starts listening.</summary>
    public static async Task<StowageServer> StartAsync(ServerOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDir);
        var clock = TimeProvider.System;
        // Stowage reads no appsettings.json; the host would otherwise watch its content root (the current
        // directory, often above the data directory) and wake on every write to the database.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        var bind = IPAddress.Parse(options.BindAddress);
        var credentials = await ClusterCredentials.LoadOrCreateAsync(options.DataDir,
            new CredentialOptions { Host = options.BindAddress, Port = options.Port == 0 ? 6443 : options.Port, ExtraSubjectAlternativeNames = [options.BindAddress] }, cancellationToken).ConfigureAwait(false);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // RequestBody enforces Kubernetes' 3 MiB with a Status
            kestrel.Listen(bind, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(credentials.ServingCertificate);
            });
        });

        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var store = await SqliteStore.OpenAsync(Path.Combine(options.DataDir, "stowage.db"), null, loggerFactory.CreateLogger<SqliteStore>(), cancellationToken).ConfigureAwait(false);
        var catalog = BuiltInResources.Create(store, clock);
        await SystemNamespaces.EnsureAsync(catalog, cancellationToken).ConfigureAwait(false);

        var server = new StowageServer(app, store, catalog, credentials, loggerFactory.CreateLogger<StowageServer>());
        server._nodes = new NodeConnector(catalog, credentials.AdminToken);
        server.Configure(new Router(catalog, credentials, clock, server.Metrics, server._nodes));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Urls.Select(u => new Uri(u)).First();
        var host = bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : options.BindAddress;
        server.Url = new Uri($"https://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{address.Port}/");
        await credentials.WriteKubeconfigAsync(server.Url, cancellationToken).ConfigureAwait(false);

        server._loops.Add(new NamespaceLifecycle(catalog, loggerFactory.CreateLogger<NamespaceLifecycle>(), clock).RunAsync(server._stopping.Token));
        server._loops.Add(new Compactor(store, options.CompactionInterval, clock, loggerFactory.CreateLogger<Compactor>()).RunAsync(server._stopping.Token));
        LogListening(server._logger, server.Url, credentials.KubeconfigPath);
        return server;
    }

    /// <summary>Stops listening, ends the loops and closes the datastore.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        await Task.WhenAll(_loops).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        _nodes?.Dispose();
        Credentials.Dispose();
        _stopping.Dispose();
    }

    private void Configure(Router router)
    {
        // pods/exec upgrades to a WebSocket (kubectl's v5.channel.k8s.io).
        _app.UseWebSockets();
        _app.Run(router.HandleAsync);
        _handler = router.HandleAsync;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Stowage API server listening on {Url}; kubeconfig: {Kubeconfig}")]
    private static partial void LogListening(ILogger logger, Uri url, string kubeconfig);
}
