using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Node.Containers;
using Stowage.Node.Volumes;
using Stowage.Runtime.Client;
using ApiContainerState = Stowage.Api.Core.ContainerState;
using ApiContainerStatus = Stowage.Api.Core.ContainerStatus;
using ContainerState = Stowage.Node.Containers.ContainerState;
using ContainerStatus = Stowage.Node.Containers.ContainerStatus;

namespace Stowage.Node.Agent;

/// <summary>
/// kubelet's pod worker for one pod: one sync at a time, woken by changes to the pod and by its own
/// timers (a running container is checked every second, a back-off wakes it when it ends). A sync
/// sets up volumes and the pod's network namespace, runs init containers in order, then keeps the
/// app containers running per restartPolicy with crash-loop back-off, and writes the pod's status
/// when it changed. A pod being deleted has its containers stopped (SIGTERM, SIGKILL after the
/// grace period), volumes unmounted and directories removed before the object is deleted.
/// </summary>
internal sealed partial class PodWorker : IAsyncDisposable
{
    private static readonly TimeSpan RunningPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan VolumeRefresh = TimeSpan.FromSeconds(60);

    private readonly PodWorkerContext _ctx;
    private readonly string _uid;
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, ContainerRecord> _containers = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private volatile Pod _pod;
    private volatile bool _objectGone;
    private Func<Container, IReadOnlyList<ContainerMount>>? _mounts;
    private DateTimeOffset _volumesSetAt;
    private (string Reason, string Message)? _mountFailure;
    private int _mountFailures;
    private DateTimeOffset? _mountRetryAt;
    private string? _networkPath;
    private bool _networkReady;
    private DateTimeOffset? _startTime;
    private string? _lastStatusJson;
    private PodStatus? _lastStatus;

    /// <summary>Starts the worker for <paramref name="pod"/>, adopting containers already on the node.</summary>
    public PodWorker(PodWorkerContext context, Pod pod, IReadOnlyList<ContainerInfo> adopted)
    {
        _ctx = context;
        _pod = pod;
        _uid = pod.Metadata.Uid!;
        _startTime = pod.Status?.StartTime;
        foreach (var info in adopted)
        {
            var record = Record(info.ContainerName);
            record.Attempt = Math.Max(record.Attempt, info.Attempt);
        }
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The pod as last seen.</summary>
    public Pod Pod => _pod;

    /// <summary>True once the pod was torn down and its object deleted; the agent forgets the worker.</summary>
    public bool Finished { get; private set; }

    /// <summary>The container's attempt and whether it runs (for logs and exec).</summary>
    public (int Attempt, bool Running)? ContainerState(string name)
    {
        lock (_containers)
        {
            if (!_containers.TryGetValue(name, out var record))
            {
                return null;
            }
            var running = record.Current?.Status is ContainerStatus.Running or ContainerStatus.Created;
            return (record.Current is null ? record.Attempt - 1 : record.Attempt, running);
        }
    }

    /// <summary>The pod changed.</summary>
    public void Update(Pod pod)
    {
        _pod = pod;
        _signal.Release();
    }

    /// <summary>The pod's object is gone (force deletion): tear everything down.</summary>
    public void ObjectDeleted()
    {
        _objectGone = true;
        _signal.Release();
    }

    /// <summary>Stops the loop without touching the containers (agent shutdown; they are adopted later).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _signal.Dispose();
    }

    /// <summary>Completes when the worker finished (pod torn down).</summary>
    public Task Completion => _loop;

    private ContainerRecord Record(string name)
    {
        lock (_containers)
        {
            if (!_containers.TryGetValue(name, out var record))
            {
                record = new ContainerRecord();
                _containers[name] = record;
            }
            return record;
        }
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested && !Finished)
        {
            TimeSpan? wake;
            try
            {
                wake = await SyncAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed sync is logged and retried; the worker must not die
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSyncFailed(_ctx.Logger, _pod.Metadata.Namespace ?? "", _pod.Metadata.Name ?? "", e);
                wake = TimeSpan.FromSeconds(2);
            }
            if (Finished)
            {
                return;
            }
            try
            {
                if (wake is { } delay)
                {
                    await _signal.WaitAsync(delay, token).ConfigureAwait(false);
                }
                else
                {
                    await _signal.WaitAsync(token).ConfigureAwait(false);
                }
                while (_signal.CurrentCount > 0)
                {
                    await _signal.WaitAsync(token).ConfigureAwait(false); // coalesce a burst of changes into one sync
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private DateTimeOffset Now => _ctx.Clock.GetUtcNow();

    private async Task<TimeSpan?> SyncAsync(CancellationToken cancellationToken)
    {
        var pod = _pod;
        if (_objectGone || pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed" && _lastStatus is null)
        {
            return null; // finished before this agent started: nothing runs, nothing to report
        }
        _startTime ??= Truncate(Now);
        var spec = pod.Spec ?? new PodSpec();
        TimeSpan? wake = null;
        void WakeIn(TimeSpan delay) => wake = wake is { } w && w < delay ? w : delay;

        // Volumes (set up once, then refreshed now and then for configMap/secret/downwardAPI content).
        if (_mounts is null || Now - _volumesSetAt > VolumeRefresh)
        {
            if (_mountRetryAt is { } retryAt && Now < retryAt)
            {
                WakeIn(retryAt - Now);
            }
            else
            {
                try
                {
                    _mounts = await _ctx.Volumes.SetUpAsync(pod, cancellationToken).ConfigureAwait(false);
                    _volumesSetAt = Now;
                    _mountFailure = null;
                    _mountFailures = 0;
                    _mountRetryAt = null;
                }
                catch (VolumeMountException e) when (_mounts is null)
                {
                    if (_mountFailure?.Message != e.Message)
                    {
                        _ctx.Recorder.Record(PodRef(pod), "Warning", e.Reason, e.Message);
                    }
                    _mountFailure = (e.Reason, e.Message);
                    var retry = TimeSpan.FromSeconds(Math.Min(2 << Math.Min(_mountFailures, 4), 30));
                    _mountFailures++;
                    _mountRetryAt = Now + retry;
                    WakeIn(retry);
                }
                catch (VolumeMountException e)
                {
                    LogRefreshFailed(_ctx.Logger, pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", e.Message);
                    _volumesSetAt = Now;
                }
            }
        }
        if (_mounts is not null && !_networkReady)
        {
            // The pod's directory marks everything the node holds for it (namespace included), so a
            // restarted agent, or a cleanup after a crash, finds it.
            Directory.CreateDirectory(_ctx.Paths.Pod(_uid));
            _networkPath = await _ctx.Network.EnsureAsync(_uid, cancellationToken).ConfigureAwait(false);
            _networkReady = true;
        }

        var initialized = true;
        if (_mounts is not null)
        {
            // Init containers, in order, each to completion.
            foreach (var container in spec.InitContainers ?? [])
            {
                var record = Record(container.Name);
                var state = await RefreshAsync(container, record, cancellationToken).ConfigureAwait(false);
                if (state is { Status: ContainerStatus.Exited, ExitCode: 0 })
                {
                    continue;
                }
                initialized = false;
                if (state is null)
                {
                    WakeIn(await StartAsync(pod, container, record, cancellationToken).ConfigureAwait(false));
                }
                else if (state.Status == ContainerStatus.Exited)
                {
                    if (spec.RestartPolicy != "Never")
                    {
                        WakeIn(await RestartAsync(pod, container, record, state, cancellationToken).ConfigureAwait(false));
                    }
                }
                else
                {
                    WakeIn(RunningPoll);
                }
                break;
            }
            if (initialized)
            {
                foreach (var container in spec.Containers ?? [])
                {
                    var record = Record(container.Name);
                    var state = await RefreshAsync(container, record, cancellationToken).ConfigureAwait(false);
                    if (state is null)
                    {
                        WakeIn(await StartAsync(pod, container, record, cancellationToken).ConfigureAwait(false));
                    }
                    else if (state.Status == ContainerStatus.Exited)
                    {
                        if (ShouldRestart(spec.RestartPolicy, state))
                        {
                            WakeIn(await RestartAsync(pod, container, record, state, cancellationToken).ConfigureAwait(false));
                        }
                    }
                    else
                    {
                        WakeIn(RunningPoll);
                    }
                }
            }
        }

        var status = BuildStatus(pod, initialized);
        await WriteStatusAsync(pod, status, cancellationToken).ConfigureAwait(false);
        return wake;
    }

    private static bool ShouldRestart(string? policy, ContainerState state) => policy switch
    {
        "Never" => false,
        "OnFailure" => state.ExitCode != 0,
        _ => true,
    };

    private async Task<ContainerState?> RefreshAsync(Container container, ContainerRecord record, CancellationToken cancellationToken)
    {
        var state = await _ctx.Runtime.GetStateAsync(ContainerIds.For(_uid, container.Name), cancellationToken).ConfigureAwait(false);
        lock (_containers)
        {
            record.Current = state;
            if (state is not null && state.Status != ContainerStatus.Exited)
            {
                record.Waiting = null;
            }
        }
        return state;
    }

    // Starts the container's current attempt; returns when to look again.
    private async Task<TimeSpan> StartAsync(Pod pod, Container container, ContainerRecord record, CancellationToken cancellationToken)
    {
        if (record.NotBefore is { } notBefore && Now < notBefore)
        {
            return notBefore - Now;
        }
        var imageName = container.Image ?? "";
        var image = _ctx.Images.Resolve(imageName);
        var podRef = PodRef(pod, $"spec.containers{{{container.Name}}}");
        if (image is null)
        {
            var message = _ctx.Images.NotFoundMessage(imageName);
            var backoff = RestartBackoff.After(record.PullFailures);
            if (record.PullFailures == 0 || record.Waiting?.Reason == "ImagePullBackOff")
            {
                _ctx.Recorder.Record(podRef, "Normal", "Pulling", $"Pulling image \"{imageName}\"");
                _ctx.Recorder.Record(podRef, "Warning", "Failed", $"Failed to pull image \"{imageName}\": {message}");
                _ctx.Recorder.Record(podRef, "Warning", "Failed", "Error: ErrImagePull");
                record.Waiting = ("ErrImagePull", message);
                record.NotBefore = null;
                record.PullFailures++;
                // After a failed pull the next sync shows the back-off.
                return TimeSpan.FromSeconds(1);
            }
            _ctx.Recorder.Record(podRef, "Normal", "BackOff", $"Back-off pulling image \"{imageName}\"");
            _ctx.Recorder.Record(podRef, "Warning", "Failed", "Error: ImagePullBackOff");
            record.Waiting = ("ImagePullBackOff", $"Back-off pulling image \"{imageName}\": {message}");
            record.NotBefore = Now + backoff;
            record.PullFailures++;
            return backoff;
        }
        record.PullFailures = 0;
        record.ImageId = image.Name;
        IReadOnlyList<KeyValuePair<string, string>> env;
        try
        {
            env = await EnvResolver.ResolveAsync(pod, container, _ctx.Objects, _ctx.HostIp, cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerConfigException e)
        {
            if (record.Waiting?.Message != e.Message)
            {
                _ctx.Recorder.Record(podRef, "Warning", "Failed", $"Error: {e.Message}");
            }
            record.Waiting = ("CreateContainerConfigError", e.Message);
            return TimeSpan.FromSeconds(5);
        }
        IReadOnlyList<ContainerMount> mounts;
        try
        {
            mounts = _mounts!(container);
        }
        catch (VolumeMountException e)
        {
            if (record.Waiting?.Message != e.Message)
            {
                _ctx.Recorder.Record(podRef, "Warning", "Failed", $"Error: {e.Message}");
            }
            record.Waiting = (e.Reason, e.Message);
            return TimeSpan.FromSeconds(5);
        }
        var logPath = _ctx.Paths.ContainerLog(_uid, container.Name, record.Attempt);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var limits = container.Resources?.Limits;
        var config = new ContainerConfig
        {
            Id = ContainerIds.For(_uid, container.Name),
            PodUid = _uid,
            PodNamespace = pod.Metadata.Namespace ?? "default",
            PodName = pod.Metadata.Name ?? "",
            ContainerName = container.Name,
            Attempt = record.Attempt,
            Image = image,
            Command = container.Command is { Count: > 0 } command ? command : null,
            Args = container.Args is { Count: > 0 } args ? args : null,
            Env = env,
            WorkingDir = string.IsNullOrEmpty(container.WorkingDir) ? null : container.WorkingDir,
            Mounts = mounts,
            Hostname = pod.Spec?.Hostname is { Length: > 0 } hostname ? hostname : pod.Metadata.Name ?? "pod",
            NetworkNamespacePath = _networkPath,
            LogPath = logPath,
            MemoryLimitBytes = limits?.GetValueOrDefault("memory") is { } memory ? memory.Value : null,
            CpuLimitMillis = limits?.GetValueOrDefault("cpu") is { } cpu ? cpu.MilliValue : null,
        };
        if (record.Attempt == 0 || record.LastTerminated is null)
        {
            _ctx.Recorder.Record(podRef, "Normal", "Pulled", $"Container image \"{imageName}\" already present on machine");
        }
        try
        {
            await _ctx.Runtime.StartAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerStartException e)
        {
            _ctx.Recorder.Record(podRef, "Warning", "Failed", $"Error: {e.Message}");
            record.Waiting = ("RunContainerError", e.Message);
            record.NotBefore = Now + RestartBackoff.After(record.Attempt);
            return RestartBackoff.After(record.Attempt);
        }
        _ctx.Recorder.Record(podRef, "Normal", "Created", $"Created container {container.Name}");
        var state = await RefreshAsync(container, record, cancellationToken).ConfigureAwait(false);
        if (state is { Status: ContainerStatus.Exited, Reason: "StartError" })
        {
            _ctx.Recorder.Record(podRef, "Warning", "Failed", $"Error: {state.Message}");
        }
        else
        {
            _ctx.Recorder.Record(podRef, "Normal", "Started", $"Started container {container.Name}");
        }
        record.Waiting = null;
        record.NotBefore = null;
        return state?.Status == ContainerStatus.Exited ? TimeSpan.Zero : RunningPoll;
    }

    // A container that exited and must run again: immediately the first time, then with back-off.
    private async Task<TimeSpan> RestartAsync(Pod pod, Container container, ContainerRecord record, ContainerState exited, CancellationToken cancellationToken)
    {
        var finished = exited.FinishedAt ?? Now;
        var ran = exited.StartedAt is { } started ? finished - started : TimeSpan.Zero;
        var backoff = record.Attempt == 0 ? TimeSpan.Zero : RestartBackoff.After(record.Attempt - 1, ran);
        var due = finished + backoff;
        if (Now < due)
        {
            if (record.Waiting?.Reason != "CrashLoopBackOff")
            {
                _ctx.Recorder.Record(PodRef(pod, $"spec.containers{{{container.Name}}}"), "Warning", "BackOff",
                    $"Back-off restarting failed container {container.Name} in pod {pod.Metadata.Name}_{pod.Metadata.Namespace}({_uid})");
            }
            record.Waiting = ("CrashLoopBackOff",
                $"back-off {RestartBackoff.Format(backoff)} restarting failed container={container.Name} pod={pod.Metadata.Name}_{pod.Metadata.Namespace}({_uid})");
            return due - Now;
        }
        record.LastTerminated = Terminated(exited);
        await _ctx.Runtime.RemoveAsync(exited.Id, cancellationToken).ConfigureAwait(false);
        lock (_containers)
        {
            record.Attempt++;
            record.Current = null;
            record.Waiting = null;
        }
        return await StartAsync(pod, container, record, cancellationToken).ConfigureAwait(false);
    }

    private async Task TerminateAsync(Pod pod, CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30);
        var containers = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []).ToList();
        var stops = new List<Task>();
        foreach (var container in containers)
        {
            var id = ContainerIds.For(_uid, container.Name);
            var state = await _ctx.Runtime.GetStateAsync(id, cancellationToken).ConfigureAwait(false);
            if (state is { Status: ContainerStatus.Running or ContainerStatus.Created })
            {
                if (!_objectGone)
                {
                    _ctx.Recorder.Record(PodRef(pod, $"spec.containers{{{container.Name}}}"), "Normal", "Killing", $"Stopping container {container.Name}");
                }
                stops.Add(_ctx.Runtime.StopAsync(id, grace, cancellationToken));
            }
        }
        await Task.WhenAll(stops).ConfigureAwait(false);
        await CleanUpAsync(_ctx, _uid, containers.Select(c => ContainerIds.For(_uid, c.Name)), cancellationToken).ConfigureAwait(false);
        if (!_objectGone)
        {
            try
            {
                await _ctx.Client.DeleteAsync(ResourceTypes.Pods, pod.Metadata.Namespace, pod.Metadata.Name!, cancellationToken, _uid, gracePeriodSeconds: 0).ConfigureAwait(false);
            }
            catch (ApiClientException e) when (e.IsConflict || e.IsNotFound)
            {
                // already gone, or a new pod of the same name
            }
        }
        Finished = true;
    }

    /// <summary>Removes every trace of a pod on the node: containers, volumes, network namespace, directories.</summary>
    public static async Task CleanUpAsync(PodWorkerContext ctx, string uid, IEnumerable<string> containerIds, CancellationToken cancellationToken)
    {
        foreach (var id in containerIds)
        {
            await ctx.Runtime.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        }
        await ctx.Volumes.TearDownAsync(uid, cancellationToken).ConfigureAwait(false);
        await ctx.Network.RemoveAsync(uid, cancellationToken).ConfigureAwait(false);
        var dir = ctx.Paths.Pod(uid);
        if (Directory.Exists(dir))
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException e)
            {
                LogCleanupFailed(ctx.Logger, dir, e.Message);
            }
        }
    }

    private PodStatus BuildStatus(Pod pod, bool initialized)
    {
        var spec = pod.Spec ?? new PodSpec();
        var initStatuses = (spec.InitContainers ?? []).Select(c => StatusOf(c, pod, initContainer: true, initialized)).ToList();
        var statuses = (spec.Containers ?? []).Select(c => StatusOf(c, pod, initContainer: false, initialized)).ToList();
        var phase = Phase(spec, initialized, statuses);
        var now = Truncate(Now);
        var notReady = statuses.Where(s => !s.Ready).Select(s => s.Name).ToList();
        var initIncomplete = initStatuses.Where(s => s.State?.Terminated is not { ExitCode: 0 }).Select(s => s.Name).ToList();
        var conditions = new List<PodCondition>
        {
            Condition("PodReadyToStartContainers", _networkReady, null, null, now),
            Condition("Initialized", initIncomplete.Count == 0, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', initIncomplete)}]", now),
            Condition("Ready", notReady.Count == 0 && phase == "Running", phase == "Succeeded" ? "PodCompleted" : "ContainersNotReady",
                phase == "Succeeded" ? null : $"containers with unready status: [{string.Join(' ', notReady)}]", now),
            Condition("ContainersReady", notReady.Count == 0 && phase == "Running", phase == "Succeeded" ? "PodCompleted" : "ContainersNotReady",
                phase == "Succeeded" ? null : $"containers with unready status: [{string.Join(' ', notReady)}]", now),
            Condition("PodScheduled", true, null, null, pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "True")?.LastTransitionTime ?? now),
        };
        return new PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = _ctx.HostIp,
            HostIPs = [new HostIp { Ip = _ctx.HostIp }],
            StartTime = _startTime,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
            ContainerStatuses = statuses,
            QosClass = pod.Status?.QosClass,
        };
    }

    private PodCondition Condition(string type, bool ok, string? reason, string? message, DateTimeOffset now)
    {
        var status = ok ? "True" : "False";
        var previous = _lastStatus?.Conditions?.FirstOrDefault(c => c.Type == type) ?? _pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new PodCondition
        {
            Type = type,
            Status = status,
            Reason = ok ? null : reason,
            Message = ok ? null : message,
            LastTransitionTime = previous?.Status == status ? previous.LastTransitionTime ?? now : now,
        };
    }

    private static string Phase(PodSpec spec, bool initialized, IReadOnlyList<ApiContainerStatus> statuses)
    {
        if (!initialized)
        {
            return "Pending";
        }
        if (statuses.Any(s => s.State?.Waiting is not null && s.LastState?.Terminated is null && s.State.Waiting.Reason != "CrashLoopBackOff"))
        {
            return "Pending"; // some container never ran yet
        }
        if (statuses.Any(s => s.State?.Running is not null))
        {
            return "Running";
        }
        var restarting = statuses.Any(s => s.State?.Waiting is not null);
        if (restarting)
        {
            return "Running";
        }
        if (statuses.Count > 0 && statuses.All(s => s.State?.Terminated is not null))
        {
            var allSucceeded = statuses.All(s => s.State!.Terminated!.ExitCode == 0);
            if (spec.RestartPolicy == "Never" || (spec.RestartPolicy == "OnFailure" && allSucceeded))
            {
                return allSucceeded ? "Succeeded" : "Failed";
            }
            return "Running";
        }
        return "Pending";
    }

    private ApiContainerStatus StatusOf(Container container, Pod pod, bool initContainer, bool initialized)
    {
        ContainerRecord record;
        lock (_containers)
        {
            record = Record(container.Name);
        }
        var current = record.Current;
        ApiContainerState state;
        if (record.Waiting is { } waiting)
        {
            state = new ApiContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason, Message = waiting.Message } };
        }
        else if (current is null)
        {
            var reason = _mountFailure is null && !initContainer && !initialized ? "PodInitializing" : "ContainerCreating";
            state = new ApiContainerState { Waiting = new ContainerStateWaiting { Reason = reason } };
        }
        else if (current.Status == ContainerStatus.Exited)
        {
            state = new ApiContainerState { Terminated = Terminated(current) };
        }
        else
        {
            state = new ApiContainerState { Running = new ContainerStateRunning { StartedAt = current.StartedAt is { } s ? Truncate(s) : null } };
        }
        var running = state.Running is not null;
        return new ApiContainerStatus
        {
            Name = container.Name,
            State = state,
            LastState = record.LastTerminated is { } last ? new ApiContainerState { Terminated = last } : new ApiContainerState(),
            Ready = running,
            Started = running,
            RestartCount = record.Attempt,
            Image = container.Image ?? "",
            ImageID = record.ImageId ?? "",
            ContainerID = current is null ? null : "runc://" + current.Id,
        };
    }

    private static ContainerStateTerminated Terminated(ContainerState state) => new()
    {
        ExitCode = state.ExitCode ?? 0,
        Reason = state.Reason ?? (state.ExitCode == 0 ? "Completed" : "Error"),
        Message = state.Message,
        StartedAt = state.StartedAt is { } s ? Truncate(s) : null,
        FinishedAt = state.FinishedAt is { } f ? Truncate(f) : null,
        ContainerID = "runc://" + state.Id,
    };

    private async Task WriteStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(status, ApiJsonContext.Default.PodStatus);
        if (json == _lastStatusJson)
        {
            return;
        }
        var patch = new JsonObject { ["status"] = JsonNode.Parse(json) };
        try
        {
            var written = await _ctx.Client.MergePatchAsync(ResourceTypes.Pods, pod.Metadata.Namespace, pod.Metadata.Name!, patch.ToJsonString(),
                cancellationToken, "status").ConfigureAwait(false);
            if (written.Metadata.Uid == _uid)
            {
                _lastStatusJson = json;
                _lastStatus = status;
            }
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
            _objectGone = true;
            _signal.Release();
        }
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    private static ObjectReference PodRef(Pod pod, string? fieldPath = null) => new()
    {
        Kind = "Pod",
        ApiVersion = "v1",
        Namespace = pod.Metadata.Namespace,
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid,
        ResourceVersion = pod.Metadata.ResourceVersion,
        FieldPath = fieldPath,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "sync of pod {Namespace}/{Name} failed")]
    private static partial void LogSyncFailed(ILogger logger, string @namespace, string name, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "refreshing volumes of pod {Namespace}/{Name} failed: {Message}")]
    private static partial void LogRefreshFailed(ILogger logger, string @namespace, string name, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove {Directory}: {Message}")]
    private static partial void LogCleanupFailed(ILogger logger, string directory, string message);
}
