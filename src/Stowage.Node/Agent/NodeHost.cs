using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Stowage.Node.Containers;
using Stowage.Node.Images;
using Stowage.Node.Streaming;
using Stowage.Node.Volumes;
using Stowage.Runtime.Client;

namespace Stowage.Node.Agent;

/// <summary>How to start a node: where its state lives, its name and how the API server reaches it.</summary>
public sealed record NodeHostOptions
{
    /// <summary>The agent's root directory (images, containers, pods).</summary>
    public required string Root { get; init; }

    /// <summary>The node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>The address the streaming server listens on.</summary>
    public IPAddress StreamingAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The streaming server's port (0 = a free port).</summary>
    public int StreamingPort { get; init; }

    /// <summary>The address the API server reaches the agent at (Node InternalIP).</summary>
    public string AdvertiseAddress { get; init; } = "127.0.0.1";

    /// <summary>The version reported as kubeletVersion.</summary>
    public string AgentVersion { get; init; } = "v1.32.0";
}

/// <summary>
/// A whole node agent, assembled: the image store (with the built-in busybox), the runc runtime,
/// pod network namespaces, the volume manager, the streaming server (logs, exec) and the
/// <see cref="NodeAgent"/> that drives them.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly AgentStreamingServer _streaming;
    private readonly ApiClient _objectsClient;

    private readonly PodVolumeManager _volumes;

    private NodeHost(NodeAgent agent, AgentStreamingServer streaming, ApiClient objectsClient, PodVolumeManager volumes)
    {
        Agent = agent;
        _volumes = volumes;
        _streaming = streaming;
        _objectsClient = objectsClient;
    }

    /// <summary>The agent.</summary>
    public NodeAgent Agent { get; }

    /// <summary>The streaming server's port.</summary>
    public int StreamingPort => _streaming.Port;

    /// <summary>Why this machine cannot run pods (not root, no runc...), or null when it can.</summary>
    public static string? WhyUnavailable() => RuncRuntime.WhyUnavailable();

    /// <summary>Assembles and starts the node's parts; <see cref="RunAsync"/> then runs the agent.</summary>
    public static async Task<NodeHost> StartAsync(NodeHostOptions options, ApiConnection connection, ILoggerFactory loggers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var paths = new NodePaths(options.Root);
        Directory.CreateDirectory(paths.Root);
        var images = new ImageStore(paths.Images);
        await images.EnsureBuiltInAsync(cancellationToken).ConfigureAwait(false);
        var runtime = new RuncRuntime(paths, null, loggers.CreateLogger<RuncRuntime>());
        var objectsClient = new ApiClient(connection, "kubelet");
        var volumes = new PodVolumeManager(paths, new ApiObjectSource(objectsClient), loggers.CreateLogger<PodVolumeManager>(), clock);
        var locator = new LateLocator();
        var streaming = await AgentStreamingServer.StartAsync(new AgentStreamingOptions
        {
            BindAddress = options.StreamingAddress,
            Port = options.StreamingPort,
            BearerToken = connection.Token,
            Paths = paths,
            NodeName = options.NodeName,
            RuncPath = new RuncOptions().RuncPath,
        }, locator, loggers, clock, cancellationToken).ConfigureAwait(false);
        var agent = new NodeAgent(new AgentOptions
        {
            NodeName = options.NodeName,
            Paths = paths,
            AdvertiseAddress = options.AdvertiseAddress,
            StreamingPort = streaming.Port,
            AgentVersion = options.AgentVersion,
            RuntimeVersion = RuncVersion(),
        }, connection, runtime, new ImageStoreResolver(images), new VolumeManagerSetup(volumes), new SandboxNetwork(new PodSandbox()), clock, loggers);
        locator.Target = agent;
        return new NodeHost(agent, streaming, objectsClient, volumes);
    }

    /// <summary>Runs the agent until cancelled (containers keep running; the next start adopts them).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Agent.RunAsync(cancellationToken);

    /// <summary>
    /// The node's metrics in Prometheus' text format: pods running, and each pod volume's capacity and
    /// usage (statfs of the volume's filesystem; plain directories on a shared disk report their files).
    /// </summary>
    public Task WriteMetricsAsync(TextWriter w, CancellationToken cancellationToken)
    {
        var pods = Agent.Pods;
        var node = $"node=\"{Agent.NodeName}\"";
        w.Write($"# HELP stowage_node_pods Pods the node agent runs\n# TYPE stowage_node_pods gauge\nstowage_node_pods{{{node}}} {pods.Count}\n");
        var capacity = new List<string>();
        var used = new List<string>();
        foreach (var pod in pods.OrderBy(p => p.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var volume in pod.Spec?.Volumes ?? [])
            {
                if (pod.Metadata.Uid is not { } uid || _volumes.Usage(uid, volume.Name) is not { } usage)
                {
                    continue;
                }
                var labels = $"{{{node},namespace=\"{pod.Metadata.Namespace}\",pod=\"{pod.Metadata.Name}\",volume=\"{volume.Name}\"}}";
                capacity.Add($"stowage_pod_volume_capacity_bytes{labels} {usage.CapacityBytes}");
                used.Add($"stowage_pod_volume_used_bytes{labels} {usage.UsedBytes}");
            }
        }
        w.Write("# HELP stowage_pod_volume_capacity_bytes Capacity of a pod's volume\n# TYPE stowage_pod_volume_capacity_bytes gauge\n");
        foreach (var line in capacity)
        {
            w.Write(line + "\n");
        }
        w.Write("# HELP stowage_pod_volume_used_bytes Bytes used in a pod's volume\n# TYPE stowage_pod_volume_used_bytes gauge\n");
        foreach (var line in used)
        {
            w.Write(line + "\n");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _streaming.DisposeAsync().ConfigureAwait(false);
        _objectsClient.Dispose();
    }

    private static string RuncVersion()
    {
        try
        {
            var start = new ProcessStartInfo(new RuncOptions().RuncPath, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start);
            var first = process?.StandardOutput.ReadLine() ?? "";
            process?.WaitForExit();
            var parts = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 ? "runc://" + parts[2] : "runc://unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "runc://unknown";
        }
    }
}
