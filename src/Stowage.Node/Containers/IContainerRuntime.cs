namespace Stowage.Node.Containers;

/// <summary>
/// Runs containers for the node agent. The runc implementation keeps each container under a small
/// shim process of its own session, so containers (and their exit codes) outlive an agent restart
/// and the agent adopts them with <see cref="ListAsync"/>.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>
    /// Creates the container's bundle and starts it; returns once it runs or has exited. A process
    /// runc cannot start (missing binary...) shows as Exited with reason StartError, not an exception.
    /// </summary>
    /// <exception cref="ContainerStartException">The bundle could not be made (image rootfs missing, mount failed...).</exception>
    Task StartAsync(ContainerConfig config, CancellationToken cancellationToken);

    /// <summary>The container's state, or null when the runtime does not know it.</summary>
    Task<ContainerState?> GetStateAsync(string id, CancellationToken cancellationToken);

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL; returns once it exited.</summary>
    Task StopAsync(string id, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Removes a stopped (or stops and removes a running) container, its bundle and rootfs.</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every container this runtime started and has not removed (for adoption after a restart).</summary>
    Task<IReadOnlyList<ContainerInfo>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A bind or tmpfs mount inside a container.</summary>
/// <param name="Destination">Absolute path in the container.</param>
/// <param name="Source">Host path (bind) or "tmpfs".</param>
/// <param name="ReadOnly">Mounted read-only.</param>
/// <param name="Type">"bind" or "tmpfs".</param>
public sealed record ContainerMount(string Destination, string Source, bool ReadOnly, string Type = "bind");

/// <summary>Everything needed to run one container of a pod.</summary>
public sealed record ContainerConfig
{
    /// <summary>The runc id (<see cref="ContainerIds.For"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The pod's UID.</summary>
    public required string PodUid { get; init; }

    /// <summary>The pod's namespace (recorded for adoption).</summary>
    public required string PodNamespace { get; init; }

    /// <summary>The pod's name (recorded for adoption).</summary>
    public required string PodName { get; init; }

    /// <summary>The container's name in the pod.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The attempt (restart count) this run is.</summary>
    public int Attempt { get; init; }

    /// <summary>The unpacked image.</summary>
    public required Images.ImageRecord Image { get; init; }

    /// <summary>Kubernetes' <c>command</c> (replaces the image's Entrypoint when set).</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Kubernetes' <c>args</c> (replaces the image's Cmd when set).</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment (after the image's own Env), already resolved.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Working directory (image's WorkingDir when null).</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Volume mounts, in order.</summary>
    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    /// <summary>The container's hostname (the pod's name, as Kubernetes).</summary>
    public required string Hostname { get; init; }

    /// <summary>The pod's network namespace (<c>/var/run/netns/...</c>), shared by its containers; null = own namespace.</summary>
    public string? NetworkNamespacePath { get; init; }

    /// <summary>Where stdout and stderr go (the attempt's log file).</summary>
    public required string LogPath { get; init; }

    /// <summary>Memory limit in bytes, if any.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>CPU limit in millicores, if any.</summary>
    public long? CpuLimitMillis { get; init; }
}

/// <summary>What the runtime knows of a container.</summary>
/// <param name="Id">The runc id.</param>
/// <param name="Status">created, running or exited.</param>
/// <param name="StartedAt">When it started, if it did.</param>
/// <param name="FinishedAt">When it exited, if it did.</param>
/// <param name="ExitCode">Its exit code once exited (128+signal when killed).</param>
/// <param name="Reason">Kubernetes' terminated reason once exited: Completed, Error, OOMKilled, or StartError
/// (exit code 128) when runc could not start the process.</param>
/// <param name="Message">Why it could not start (runc's error, e.g. <c>exec: "foo": executable file not found in $PATH</c>).</param>
public sealed record ContainerState(string Id, ContainerStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int? ExitCode, string? Reason, string? Message = null);

/// <summary>A container's lifecycle state.</summary>
public enum ContainerStatus
{
    /// <summary>Created, not started.</summary>
    Created,

    /// <summary>Its process runs.</summary>
    Running,

    /// <summary>Its process exited.</summary>
    Exited,
}

/// <summary>A container found on the node (for adoption).</summary>
/// <param name="Id">The runc id.</param>
/// <param name="PodUid">The pod's UID.</param>
/// <param name="PodNamespace">The pod's namespace.</param>
/// <param name="PodName">The pod's name.</param>
/// <param name="ContainerName">The container's name.</param>
/// <param name="Attempt">Its attempt (restart count).</param>
/// <param name="State">Its state.</param>
public sealed record ContainerInfo(string Id, string PodUid, string PodNamespace, string PodName, string ContainerName, int Attempt, ContainerState State);

/// <summary>runc could not start a container; the message says why (as Kubernetes' RunContainerError).</summary>
public sealed class ContainerStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContainerStartException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ContainerStartException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public ContainerStartException() { }
}
