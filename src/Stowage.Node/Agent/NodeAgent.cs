using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Node.Containers;
using Stowage.Node.Streaming;
using Stowage.Runtime.Client;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;

namespace Stowage.Node.Agent;

/// <summary>
/// Stowage's kubelet: registers the Node (Ready, with its capacity and streaming endpoint), renews
/// its Lease in kube-node-lease, watches the pods bound to the node and runs one
/// <see cref="PodWorker"/> per pod. On start it adopts the containers it started before a restart
/// and removes everything (containers, mounts, namespaces, directories) left by pods that are gone.
/// </summary>
public sealed partial class NodeAgent : IContainerLocator
{
    private readonly AgentOptions _options;
    private readonly ApiConnection _connection;
    private readonly IContainerRuntime _runtime;
    private readonly IImageResolver _images;
    private readonly IPodVolumeSetup _volumes;
    private readonly IPodNetwork _network;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the agent.</summary>
    public NodeAgent(AgentOptions options, ApiConnection connection, IContainerRuntime runtime, IImageResolver images, IPodVolumeSetup volumes,
        IPodNetwork network, TimeProvider clock, ILoggerFactory loggers)
    {
        _options = options;
        _connection = connection;
        _runtime = runtime;
        _images = images;
        _volumes = volumes;
        _network = network;
        _clock = clock;
        _loggers = loggers;
        _logger = loggers.CreateLogger<NodeAgent>();
    }

    /// <summary>The node's name.</summary>
    public string NodeName => _options.NodeName;

    /// <summary>The pods the agent runs now.</summary>
    public IReadOnlyList<Pod> Pods => _workers.Values.Where(w => !w.Finished).Select(w => w.Pod).ToList();

    /// <summary>Completes once the Node is registered and the pods on it are known.</summary>
    public Task Ready => _ready.Task;

    /// <inheritdoc/>
    public ContainerLocation? Locate(string ns, string podName, string containerName)
    {
        foreach (var worker in _workers.Values)
        {
            var pod = worker.Pod;
            if (pod.Metadata.Namespace == ns && pod.Metadata.Name == podName && !worker.Finished
                && worker.ContainerState(containerName) is { } state)
            {
                return new ContainerLocation(pod.Metadata.Uid!, ContainerIds.For(pod.Metadata.Uid!, containerName), state.Attempt, state.Running);
            }
        }
        return null;
    }

    /// <summary>Runs until cancelled; containers keep running when it stops (a new agent adopts them).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var client = new ApiClient(_connection, "kubelet");
        await using var recorder = new EventRecorder(client, "kubelet", _clock, _loggers.CreateLogger<EventRecorder>());
        var context = new PodWorkerContext(client, recorder, _runtime, _images, _volumes, _network, new ApiObjectSource(client), _options.Paths,
            _options.NodeName, _options.AdvertiseAddress, _clock, _loggers.CreateLogger<PodWorker>());

        await RegisterAsync(client, cancellationToken).ConfigureAwait(false);
        var adopted = (await _runtime.ListAsync(cancellationToken).ConfigureAwait(false)).GroupBy(c => c.PodUid)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ContainerInfo>)g.ToList(), StringComparer.Ordinal);

        var pods = new Informer<Pod>(client, ResourceTypes.Pods, _loggers.CreateLogger<Informer<Pod>>(), _clock)
        {
            FieldSelector = $"spec.nodeName={_options.NodeName}",
        };
        pods.OnAdd(pod => Observe(context, pod, adopted));
        pods.OnUpdate((_, pod) => Observe(context, pod, adopted));
        pods.OnDelete(pod =>
        {
            if (pod.Metadata.Uid is { } uid && _workers.TryGetValue(uid, out var worker))
            {
                worker.ObjectDeleted();
            }
        });
        var informer = pods.RunAsync(cancellationToken);
        var heartbeat = HeartbeatAsync(client, cancellationToken);
        try
        {
            await pods.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            await CleanUpOrphansAsync(context, pods, adopted, cancellationToken).ConfigureAwait(false);
            _ready.TrySetResult();
            LogReady(_logger, _options.NodeName, _workers.Count);
            await Task.WhenAll(informer, heartbeat).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_workers.Values.Select(w => w.DisposeAsync().AsTask())).ConfigureAwait(false);
            _workers.Clear();
        }
    }

    private void Observe(PodWorkerContext context, Pod pod, IReadOnlyDictionary<string, IReadOnlyList<ContainerInfo>> adopted)
    {
        if (pod.Metadata.Uid is not { } uid)
        {
            return;
        }
        if (_workers.TryGetValue(uid, out var existing))
        {
            existing.Update(pod);
            return;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed" && pod.Metadata.DeletionTimestamp is null && !adopted.ContainsKey(uid))
        {
            return; // finished before this agent knew it, nothing of it is on the node
        }
        var worker = new PodWorker(context, pod, adopted.GetValueOrDefault(uid) ?? []);
        if (_workers.TryAdd(uid, worker))
        {
            _ = worker.Completion.ContinueWith(_ => _workers.TryRemove(new KeyValuePair<string, PodWorker>(uid, worker)), TaskScheduler.Default);
        }
        else
        {
            _ = worker.DisposeAsync().AsTask();
        }
    }

    // Containers and pod directories whose pods are gone (deleted while the agent was down).
    private async Task CleanUpOrphansAsync(PodWorkerContext context, Informer<Pod> pods, IReadOnlyDictionary<string, IReadOnlyList<ContainerInfo>> adopted,
        CancellationToken cancellationToken)
    {
        var live = pods.List().Select(p => p.Metadata.Uid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var podDirs = Directory.Exists(_options.Paths.Pods)
            ? Directory.EnumerateDirectories(_options.Paths.Pods).Select(Path.GetFileName).OfType<string>()
            : [];
        var orphans = adopted.Keys.Concat(_volumes.PodsWithVolumes()).Concat(podDirs).Where(uid => !live.Contains(uid)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var uid in orphans)
        {
            var ids = adopted.GetValueOrDefault(uid)?.Select(c => c.Id) ?? [];
            foreach (var id in ids)
            {
                await _runtime.StopAsync(id, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
            await PodWorker.CleanUpAsync(context, uid, ids, cancellationToken).ConfigureAwait(false);
            LogOrphanRemoved(_logger, uid);
        }
    }

    private async Task RegisterAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await ReportStatusAsync(client, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is ApiClientException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                LogRegisterFailed(_logger, _options.NodeName, e.Message);
                await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task ReportStatusAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var existing = await client.GetAsync(ResourceTypes.Nodes, null, _options.NodeName, cancellationToken).ConfigureAwait(false);
        var described = NodeInfo.Describe(_options, _clock.GetUtcNow(), existing?.Status?.Conditions);
        if (existing is null)
        {
            existing = await client.CreateAsync(ResourceTypes.Nodes, described with { Status = null }, cancellationToken).ConfigureAwait(false);
        }
        else if (!LabelsContain(existing.Metadata.Labels, described.Metadata.Labels!))
        {
            var labels = new Dictionary<string, string>(existing.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (k, v) in described.Metadata.Labels!)
            {
                labels[k] = v;
            }
            existing = await client.UpdateAsync(ResourceTypes.Nodes, existing with { Metadata = existing.Metadata with { Labels = labels } }, cancellationToken).ConfigureAwait(false);
        }
        await client.UpdateStatusAsync(ResourceTypes.Nodes, existing with { Status = described.Status }, cancellationToken).ConfigureAwait(false);
    }

    private static bool LabelsContain(IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, string> wanted) =>
        labels is not null && wanted.All(w => labels.TryGetValue(w.Key, out var v) && v == w.Value);

    private async Task HeartbeatAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var lastStatus = _clock.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RenewLeaseAsync(client, cancellationToken).ConfigureAwait(false);
                if (_clock.GetUtcNow() - lastStatus >= _options.StatusReportInterval)
                {
                    await ReportStatusAsync(client, cancellationToken).ConfigureAwait(false);
                    lastStatus = _clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is ApiClientException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                LogHeartbeatFailed(_logger, e.Message);
            }
            try
            {
                await Task.Delay(_options.LeaseRenewInterval, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RenewLeaseAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var now = new MicroTime(_clock.GetUtcNow());
        var lease = await client.GetAsync(ResourceTypes.Leases, "kube-node-lease", _options.NodeName, cancellationToken).ConfigureAwait(false);
        var spec = new LeaseSpec { HolderIdentity = _options.NodeName, LeaseDurationSeconds = 40, RenewTime = now };
        if (lease is null)
        {
            await client.CreateAsync(ResourceTypes.Leases, new Lease
            {
                ApiVersion = "coordination.k8s.io/v1",
                Kind = "Lease",
                Metadata = new ObjectMeta { Name = _options.NodeName, Namespace = "kube-node-lease" },
                Spec = spec,
            }, cancellationToken).ConfigureAwait(false);
            return;
        }
        await client.UpdateAsync(ResourceTypes.Leases, lease with { Spec = (lease.Spec ?? new LeaseSpec()) with { HolderIdentity = spec.HolderIdentity, LeaseDurationSeconds = 40, RenewTime = now } },
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} ready, running {Pods} pods")]
    private static partial void LogReady(ILogger logger, string node, int pods);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed what pod {Uid} left on the node (the pod is gone)")]
    private static partial void LogOrphanRemoved(ILogger logger, string uid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "registering node {Node} failed: {Message}")]
    private static partial void LogRegisterFailed(ILogger logger, string node, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node heartbeat failed: {Message}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string message);
}
