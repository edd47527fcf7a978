using System.Net;
using Microsoft.Extensions.Logging;
using Stowage.Kubeconfig;
using Stowage.Node.Agent;
using Stowage.Runtime.Client;
using Stowage.Server.Http;

namespace Stowage;

/// <summary>
/// The node agent: embedded in <c>stowage server</c> (node named after the host), or on its own as
/// <c>stowage agent --kubeconfig FILE</c> to make another machine a node of a server.
/// </summary>
internal static class AgentCommand
{
    /// <summary>The node name: the host's name in lower case, as kubelet's default.</summary>
    public static string DefaultNodeName => Environment.MachineName.ToLowerInvariant();

    /// <summary>Starts the embedded agent, or says why this machine cannot run pods (and returns null).</summary>
    public static async Task<NodeHost?> StartEmbeddedAsync(string dataDir, ApiConnection connection, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (NodeHost.WhyUnavailable() is { } why)
        {
            Console.WriteLine($"  node agent OFF: {why}; pods stay Pending (no node)");
            return null;
        }
        try
        {
            var host = await NodeHost.StartAsync(new NodeHostOptions
            {
                Root = Path.Combine(dataDir, "node"),
                NodeName = DefaultNodeName,
                AgentVersion = VersionInfo.GitVersion,
            }, connection, loggers, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"  node {DefaultNodeName}: runs pods as runc containers (busybox built in; other images: stowage image import)");
            return host;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.WriteLine($"  node agent OFF: {e.Message}; pods stay Pending (no node)");
            return null;
        }
    }

    /// <summary><c>stowage agent --kubeconfig FILE [--data-dir DIR] [--node-name NAME] [--address IP] [--port PORT]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string? kubeconfig = null;
        var dataDir = Environment.GetEnvironmentVariable("STOWAGE_DATA_DIR") ?? Path.Combine(Environment.CurrentDirectory, ".stowage");
        var nodeName = DefaultNodeName;
        var address = "127.0.0.1";
        var port = 10250;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var value = i + 1 < args.Length ? args[i + 1] : "";
            switch (arg)
            {
                case "--kubeconfig":
                    kubeconfig = value;
                    i++;
                    break;
                case "--data-dir":
                    dataDir = value;
                    i++;
                    break;
                case "--node-name":
                    nodeName = value;
                    i++;
                    break;
                case "--address" when IPAddress.TryParse(value, out _):
                    address = value;
                    i++;
                    break;
                case "--port" when int.TryParse(value, out var p) && p is >= 0 and <= 65535:
                    port = p;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"stowage agent: invalid option {arg}");
                    return 2;
            }
        }
        if (string.IsNullOrEmpty(kubeconfig) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBECONFIG")))
        {
            Console.Error.WriteLine("stowage agent: --kubeconfig FILE is required (the server writes one to its data directory)");
            return 2;
        }
        ApiConnection connection;
        try
        {
            connection = ReadKubeconfig(kubeconfig);
        }
        catch (Exception e) when (e is KubeconfigException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"stowage agent: {e.Message}");
            return 1;
        }
        if (NodeHost.WhyUnavailable() is { } why)
        {
            Console.Error.WriteLine($"stowage agent: this machine cannot run pods: {why}");
            return 1;
        }
        using var shutdown = new ShutdownSignals();
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        await using var host = await NodeHost.StartAsync(new NodeHostOptions
        {
            Root = Path.Combine(Path.GetFullPath(dataDir), "node"),
            NodeName = nodeName,
            StreamingAddress = IPAddress.Parse(address),
            StreamingPort = port,
            AdvertiseAddress = address,
            AgentVersion = VersionInfo.GitVersion,
        }, connection, loggers, TimeProvider.System, shutdown.Token).ConfigureAwait(false);
        Console.WriteLine($"stowage agent: node {nodeName} joined {connection.Server} (streaming on {address}:{host.StreamingPort})");
        await host.RunAsync(shutdown.Token).ConfigureAwait(false);
        return 0;
    }

    // The server, CA and token of the kubeconfig's current context, read as kubectl reads it
    // (--kubeconfig, else every file of $KUBECONFIG merged).
    private static ApiConnection ReadKubeconfig(string? file)
    {
        var cluster = KubeconfigLoader.Load(new ConnectionOptions { Kubeconfig = file }, Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var ca = cluster.CertificateAuthorityPem
            ?? throw new KubeconfigException($"the cluster of {cluster.Server} has no certificate-authority(-data)");
        var token = cluster.Token
            ?? throw new KubeconfigException("the user has no token (stowage agents authenticate with a bearer token)");
        return new ApiConnection(cluster.Server, ca, token);
    }
}
