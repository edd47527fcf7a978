using Microsoft.Extensions.Logging;
using Stowage.Controllers.Hosting;
using Stowage.Controllers.Pool;
using Stowage.Controllers.Provisioning;
using Stowage.Runtime.Client;
using Stowage.Server.Hosting;
using Stowage.Storage.Sqlite;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// The API server and the controller manager in this process, started the way <c>stowage server</c>
/// starts them (src/Stowage/Program.cs): the server on a loopback port over a fresh data directory,
/// the node storage pool under it, and the controller manager as a client of the server on its loopback transport
/// (the benchmark's own client uses HTTPS).
/// Disposing stops everything, tears the (empty) pool down and deletes the directory.
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private readonly StowageServer _server;
    private readonly StoragePool _pool;
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stopControllers;
    private readonly Task _controllers;
    private readonly string _dataDir;

    private InProcessCluster(StowageServer server, StoragePool pool, ILoggerFactory loggers, CountingLoggerProvider log, CancellationTokenSource stop, Task controllers, ApiClient client, string dataDir)
    {
        _server = server;
        _pool = pool;
        _loggers = loggers;
        ControllerLog = log;
        _stopControllers = stop;
        _controllers = controllers;
        Client = client;
        _dataDir = dataDir;
    }

    /// <summary>The benchmark's own client (admin token, its own connection pool).</summary>
    public ApiClient Client { get; }

    /// <summary>What the controller manager logged, counted.</summary>
    public CountingLoggerProvider ControllerLog { get; }

    /// <summary>The datastore's revision (one per successful write) and its committed transactions (one fsync each).</summary>
    public async Task<(long Writes, long Commits)> StoreCountersAsync(CancellationToken cancellationToken) =>
        (await _server.Store.GetCurrentRevisionAsync(cancellationToken), (_server.Store as SqliteStore)?.CommittedTransactionCount ?? 0);

    public static async Task<InProcessCluster> StartAsync(string directory, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(directory, $"stowage-binding-{Guid.NewGuid():N}");
        var server = await StowageServer.StartAsync(new ServerOptions { DataDir = dataDir, Port = 0 },
            l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning), cancellationToken);
        var network = new ApiConnection(server.Url, server.Credentials.CertificateAuthorityPem, server.Credentials.AdminToken);
        var connection = network with { Transport = server.CreateLoopbackHandler };
        var log = new CountingLoggerProvider();
        var loggers = LoggerFactory.Create(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        var pool = await StoragePool.OpenAsync(new PoolOptions { Directory = Path.Combine(dataDir, "pool") }, loggers.CreateLogger<StoragePool>(), cancellationToken);
        var manager = new ControllerManager(connection, $"binding-bench_{Guid.NewGuid():N}", loggers, TimeProvider.System, pool: new NodePool(pool));
        server.Metrics.Register(manager.WriteMetricsAsync);
        var stop = new CancellationTokenSource();
        var controllers = manager.RunAsync(stop.Token);
        return new InProcessCluster(server, pool, loggers, log, stop, controllers, new ApiClient(network, "binding-bench"), dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopControllers.CancelAsync();
        try
        {
            await _controllers;
        }
        catch (OperationCanceledException)
        {
        }
        Client.Dispose();
        await _pool.TearDownAllAsync(CancellationToken.None);
        await _pool.DisposeAsync();
        await _server.DisposeAsync();
        _loggers.Dispose();
        _stopControllers.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }
}
