using System.Net.Http.Headers;
using System.Net.Security;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.EndToEnd.Tests.Harness;
using Stowage.Node.Containers;
using Stowage.Node.Streaming;
using Stowage.Server.Hosting;
using Stowage.Server.Resources;

namespace Stowage.Node.Tests.Streaming;

/// <summary>
/// An in-process API server, the agent's streaming server on its own port, a Node "node-a" whose
/// status points at it, real busybox containers under runc, and the real kubectl. Pods:
/// <list type="bullet">
/// <item>web: container main (attempt 1, running; attempt 0 left a log) and side (ran once, stopped).</item>
/// <item>unbound: no node yet (for binding).</item>
/// </list>
/// </summary>
public sealed class StreamingCluster : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "stowage-stream-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<RuncBusybox> _containers = [];

    internal FixedLocator Locator { get; } = new();

    public StowageServer Server { get; private set; } = null!;

    public AgentStreamingServer Agent { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public NodePaths Paths { get; private set; } = null!;

    public string WorkDir => Path.Combine(_root, "work");

    internal RuncBusybox WebMain { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Paths = new NodePaths(Path.Combine(_root, "node"));
        Directory.CreateDirectory(WorkDir);
        Server = await StowageServer.StartAsync(new ServerOptions { DataDir = Path.Combine(_root, "server"), Port = 0 }, null, CancellationToken.None);
        Agent = await AgentStreamingServer.StartAsync(
            new AgentStreamingOptions { Port = 0, BearerToken = Server.Credentials.AdminToken, Paths = Paths, NodeName = "node-a" },
            Locator, null, null, CancellationToken.None);
        Kubectl = new Kubectl(Server.Credentials.KubeconfigPath, WorkDir);

        var nodes = Server.Catalog.Store<Api.Core.Node>();
        await nodes.CreateAsync(null, new Api.Core.Node { Metadata = new ObjectMeta { Name = "node-a" } }, WriteOptions.Default, CancellationToken.None);
        await nodes.UpdateAsync(null, "node-a", n => n with
        {
            Status = new NodeStatus
            {
                Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }, new NodeAddress { Type = "Hostname", Address = "node-a" }],
                DaemonEndpoints = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = Agent.Port } },
            },
        }, new WriteOptions { Subresource = "status" }, CancellationToken.None);

        var web = await CreatePodAsync("web", "node-a", "main", "side");
        var uid = web.Metadata.Uid!;
        await File.WriteAllTextAsync(LogPath(uid, "main", 0), "previous run\n");
        WebMain = await StartAsync(uid, "main", 1,
            "sh", "-c", "echo hello from main; echo to stderr >&2; while [ ! -e /tmp/stop ]; do sleep 0.1; done; echo main done");
        Locator.Set("default", "web", "main", uid, WebMain.Id, 1, WebMain.IsRunning);
        await File.WriteAllTextAsync(LogPath(uid, "side", 0), "side log\n");
        Locator.Set("default", "web", "side", uid, ContainerIds.For(uid, "side"), 0, () => false);

        await CreatePodAsync("unbound", null, "main");
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _containers)
        {
            await c.DisposeAsync();
        }
        Kubectl?.Dispose();
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Creates a pod with busybox containers, on <paramref name="node"/> (or unscheduled).</summary>
    public Task<Pod> CreatePodAsync(string name, string? node, params string[] containers) =>
        Server.Catalog.Store<Pod>().CreateAsync("default", new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { NodeName = node, Containers = [.. containers.Select(c => new Container { Name = c, Image = "busybox" })] },
        }, WriteOptions.Default, CancellationToken.None);

    /// <summary>Starts a real container as a pod's container attempt, logging where the runtime would.</summary>
    internal async Task<RuncBusybox> StartAsync(string podUid, string container, int attempt, params string[] args)
    {
        var c = await RuncBusybox.StartAsync(Paths.RuncRoot, Path.Combine(_root, "bundles"), ContainerIds.For(podUid, container), LogPath(podUid, container, attempt), args);
        _containers.Add(c);
        return c;
    }

    public string LogPath(string podUid, string container, int attempt)
    {
        var path = Paths.ContainerLog(podUid, container, attempt);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>A client of the API server with the admin token (the cluster CA is not needed: the test trusts it).</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        var client = new HttpClient(handler) { BaseAddress = Server.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Credentials.AdminToken);
        return client;
    }
}
