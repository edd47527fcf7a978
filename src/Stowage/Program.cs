using Microsoft.Extensions.Logging;
using Stowage.Controllers.Hosting;
using Stowage.Controllers.Pool;
using Stowage.Controllers.Provisioning;
using Stowage.Runtime.Client;
using Stowage.Server.Hosting;
using Stowage.Server.Http;

namespace Stowage;

/// <summary>The one executable: <c>stowage server | version</c>.</summary>
public static class Program
{
    private const string Usage = """
        Usage:
          stowage server [--data-dir DIR] [--bind-address ADDR] [--port PORT] [--pool-dir DIR] [--pool-size SIZE]
          stowage agent --kubeconfig FILE [--data-dir DIR] [--node-name NAME] [--address IP] [--port PORT]
          stowage version
          stowage image import NAME[:TAG] FILE [--data-dir DIR] | stowage image ls [--data-dir DIR]
          stowage plugin install [--dir DIR]

        server   Runs the API server with its embedded SQLite datastore. On first start it creates a CA,
                 a serving certificate and admin credentials, and writes DIR/kubeconfig.yaml.
                 --data-dir      where state lives (default: ./.stowage, or $STOWAGE_DATA_DIR)
                 --bind-address  address to listen on (default 127.0.0.1)
                 --port          port (default 6443; 0 picks a free port)
                 --pool-dir      the node's storage pool for the built-in "local" class (default DIR/pool)
                 --pool-size     how much the pool may provision, e.g. 20Gi (default: the free space there)
                 As root with runc installed, the server is also a node: it runs pods as runc containers.
        agent    Makes this machine a node of the server the kubeconfig names (runs its pods with runc).
        version  Prints Stowage's version and the Kubernetes API version it serves.
        image    Imports an OCI layout or docker save tarball into the node's images (DIR/node/images), or lists them.
        plugin   Installs the kubectl plugin kubectl-volume (kubectl volume ..., as oc set volume).
        """;

    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        switch (args[0])
        {
            case "version":
                Console.WriteLine($"stowage {VersionInfo.StowageVersion} (Kubernetes API {VersionInfo.GitVersion})");
                return 0;
            case "server":
                return await RunServerAsync(args[1..]).ConfigureAwait(false);
            case "agent":
                return await AgentCommand.RunAsync(args[1..]).ConfigureAwait(false);
            case "image":
                return await ImageCommand.RunAsync(args[1..]).ConfigureAwait(false);
            case "plugin":
                return PluginCommand.Run(args[1..]);
            default:
                Console.Error.WriteLine($"unknown command \"{args[0]}\"\n\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> RunServerAsync(string[] args)
    {
        var dataDir = Environment.GetEnvironmentVariable("STOWAGE_DATA_DIR") ?? Path.Combine(Environment.CurrentDirectory, ".stowage");
        var bind = "127.0.0.1";
        var port = 6443;
        string? poolDir = null;
        long? poolSize = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = SplitOption(args, ref i);
            switch (name)
            {
                case "--data-dir":
                    dataDir = value;
                    break;
                case "--bind-address":
                    bind = value;
                    break;
                case "--port" when int.TryParse(value, out var p) && p is >= 0 and <= 65535:
                    port = p;
                    break;
                case "--pool-dir":
                    poolDir = value;
                    break;
                case "--pool-size" when Api.Quantities.Quantity.TryParse(value, out var q, out _) && q.Sign > 0:
                    poolSize = q.Value;
                    break;
                default:
                    Console.Error.WriteLine($"invalid option {name} {value}\n\n{Usage}");
                    return 2;
            }
        }

        using var shutdown = new ShutdownSignals();

        StowageServer server;
        Action<ILoggingBuilder> logging = l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        try
        {
            server = await StowageServer.StartAsync(new ServerOptions { DataDir = Path.GetFullPath(dataDir), BindAddress = bind, Port = port },
                logging, shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"stowage: cannot start: {e.Message}");
            return 1;
        }
        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine($"Stowage {VersionInfo.StowageVersion} is serving the Kubernetes API at {server.Url}");
            Console.WriteLine($"  export KUBECONFIG={server.Credentials.KubeconfigPath}");
            Console.WriteLine("  kubectl get ns");
            using var loggers = LoggerFactory.Create(logging);
            var pool = await StoragePool.OpenAsync(new PoolOptions
            {
                Directory = Path.GetFullPath(poolDir ?? Path.Combine(dataDir, "pool")),
                CapacityBytes = poolSize,
            }, loggers.CreateLogger<StoragePool>(), shutdown.Token).ConfigureAwait(false);
            await using var poolLifetime = pool.ConfigureAwait(false);
            Console.WriteLine(pool.Mode == PoolMode.Enforced
                ? $"  storage pool {pool.Directory}: {Api.Quantities.Quantity.FromBytes(pool.Capacity.LimitBytes)}, every volume a size-limited ext4 filesystem"
                : $"  storage pool {pool.Directory}: SIZES ARE NOT ENFORCED ({pool.ModeReason}); volumes are plain directories");
            // The embedded controller manager and node agent are API clients like any other, on the
            // server's loopback transport: no TLS or sockets between parts of one process.
            var connection = new ApiConnection(server.Url, server.Credentials.CertificateAuthorityPem, server.Credentials.AdminToken)
            {
                Transport = server.CreateLoopbackHandler,
            };
            var manager = new ControllerManager(connection, $"{Environment.MachineName}_{Guid.NewGuid():N}", loggers, TimeProvider.System,
                pool: new NodePool(pool));
            server.Metrics.Register(manager.WriteMetricsAsync);
            var controllers = manager.RunAsync(shutdown.Token);
            await using var node = await AgentCommand.StartEmbeddedAsync(Path.GetFullPath(dataDir), connection, loggers, shutdown.Token).ConfigureAwait(false);
            if (node is not null)
            {
                server.Metrics.Register(node.WriteMetricsAsync);
            }
            var agent = node?.RunAsync(shutdown.Token) ?? Task.CompletedTask;
            try
            {
                await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Shutting down.");
            }
            await controllers.ConfigureAwait(false);
            await agent.ConfigureAwait(false);
        }
        return 0;
    }

    private static (string Name, string Value) SplitOption(string[] args, ref int i)
    {
        var arg = args[i];
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            return (arg[..eq], arg[(eq + 1)..]);
        }
        return i + 1 < args.Length ? (arg, args[++i]) : (arg, "");
    }
}
