using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Stowage.Node.Containers;

/// <summary>
/// Runs containers with runc, each under a small shim so it outlives the agent:
/// <list type="number">
/// <item>The bundle (see <see cref="ContainerBundle"/>) gets config.json, meta.json and an overlay root: the image's
/// rootfs as the read-only lower layer, the bundle's upper/ for the container's writes, so containers never change
/// an image and any number share one.</item>
/// <item>A shell in its own session (<c>setsid -f</c>, stdio on /dev/null, not the agent's child) runs
/// <c>runc run</c> in the foreground with the container's output appended to its log, then writes runc's exit code
/// (the process's, 128+n for signal n) and the time to <c>exit</c> by rename. Nothing ties it to the agent, so an
/// agent restart leaves containers running, and their exit codes wait in the bundle.</item>
/// <item>State comes from that exit file, else from runc's own state.json (the init pid and its start time, checked
/// against /proc, and the exec fifo that exists until the process starts) — as <c>runc state</c> decides, without
/// spawning runc. runc is run only to kill and, for a container that never exited, delete.</item>
/// </list>
/// </summary>
public sealed partial class RuncRuntime : IContainerRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>How long a container whose runc has returned may take to get its exit file from the shim.</summary>
    private static readonly TimeSpan ExitFileWait = TimeSpan.FromSeconds(5);

    // $1 runc, $2 runc root, $3 bundle, $4 id, $5 log. The exit file is renamed into place so readers see it whole.
    private const string ShimScript = """
        exec </dev/null >/dev/null 2>&1
        "$1" --root "$2" --log "$3/runc.log" --log-format json run --bundle "$3" "$4" >>"$5" 2>&1
        c=$?
        printf '%s %s\n' "$c" "$(date +%s%N)" >"$3/exit.tmp" && mv -f "$3/exit.tmp" "$3/exit"
        """;

    private readonly NodePaths paths;
    private readonly RuncOptions options;
    private readonly string root;
    private readonly ILogger logger;

    /// <summary>Creates the runtime over the node's directories.</summary>
    public RuncRuntime(NodePaths paths, RuncOptions? options = null, ILogger<RuncRuntime>? logger = null)
    {
        this.paths = paths ?? throw new ArgumentNullException(nameof(paths));
        this.options = options ?? new RuncOptions();
        root = this.options.Root ?? paths.RuncRoot;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Why containers cannot run here (not root, runc or setsid missing), or null when they can.</summary>
    public static string? WhyUnavailable(RuncOptions? options = null)
    {
        var runc = (options ?? new RuncOptions()).RuncPath;
        if (!Environment.IsPrivilegedProcess)
        {
            return "running containers needs root (runc, overlay mounts)";
        }
        if (!File.Exists(runc))
        {
            return $"runc was not found (looked for \"{runc}\"); install it, e.g. apt-get install runc";
        }
        return File.Exists("/usr/bin/setsid") || File.Exists("/bin/setsid") ? null : "setsid (util-linux) was not found";
    }

    /// <inheritdoc/>
    public async Task StartAsync(ContainerConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bundle = Bundle(config.Id);
        if (Directory.Exists(bundle.Dir))
        {
            var existing = await GetStateAsync(config.Id, cancellationToken).ConfigureAwait(false);
            if (existing is { Status: not ContainerStatus.Exited })
            {
                throw new ContainerStartException($"container {config.Id} already exists and is {existing.Status}");
            }
            await RemoveAsync(config.Id, cancellationToken).ConfigureAwait(false);
        }
        if (!Directory.Exists(config.Image.RootfsPath))
        {
            throw new ContainerStartException($"the root filesystem of image \"{config.Image.Name}\" is missing at {config.Image.RootfsPath}");
        }
        var args = ContainerProcess.Args(config.Command, config.Args, config.Image);
        var env = ContainerProcess.Env(config.Image, config.Env, config.Hostname);
        var cwd = ContainerProcess.WorkingDir(config.WorkingDir, config.Image);

        try
        {
            Directory.CreateDirectory(bundle.Rootfs);
            Directory.CreateDirectory(bundle.Upper);
            Directory.CreateDirectory(bundle.Work);
            var etc = bundle.WriteEtcFiles(config.Hostname);
            File.WriteAllText(bundle.ConfigFile, OciSpec.Build(config, args, env, cwd, etc).ToJsonString());
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(config.LogPath))!);
            Directory.CreateDirectory(root);
            bundle.WriteMetadata(new ContainerMetadata(config.Id, config.PodUid, config.PodNamespace, config.PodName, config.ContainerName,
                config.Attempt, DateTimeOffset.UtcNow, Path.GetFullPath(config.LogPath)));
            Mounts.MountOverlay(config.Image.RootfsPath, bundle.Upper, bundle.Work, bundle.Rootfs);
            await LaunchShimAsync(bundle, config.Id, Path.GetFullPath(config.LogPath), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ContainerStartException)
        {
            DeleteBundle(bundle);
            throw e as ContainerStartException ?? new ContainerStartException($"cannot create the bundle of container {config.Id}: {e.Message}", e);
        }

        var deadline = Stopwatch.StartNew();
        while (bundle.ReadExit() is null && ProcessState(config.Id) is not (ContainerStatus.Running or ContainerStatus.Exited))
        {
            if (deadline.Elapsed > options.StartTimeout)
            {
                await KillAsync(config.Id, "KILL", cancellationToken).ConfigureAwait(false);
                throw new ContainerStartException($"container {config.Id} neither ran nor exited within {options.StartTimeout.TotalSeconds} s; see {bundle.RuncLog}");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        LogStarted(logger, config.Id, config.PodNamespace, config.PodName, config.ContainerName, deadline.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc/>
    public async Task<ContainerState?> GetStateAsync(string id, CancellationToken cancellationToken)
    {
        var bundle = Bundle(id);
        if (bundle.ReadMetadata() is not { } meta)
        {
            return null;
        }
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (bundle.ReadExit() is { } exit)
            {
                return Exited(bundle, meta, exit.Code, exit.FinishedAt);
            }
            var status = ProcessState(id);
            if (status is ContainerStatus.Running or ContainerStatus.Created)
            {
                return new ContainerState(id, status.Value, meta.StartedAt, null, null, null);
            }
            // runc has returned (or not yet begun): the shim writes the exit file next. A shim that is gone
            // without one leaves the outcome unknown; after a reboot the overlay is gone too, which says so at once.
            if (waited.Elapsed > ExitFileWait || (status is null && !Mounts.Under(bundle.Rootfs).Contains(bundle.Rootfs)))
            {
                return new ContainerState(id, ContainerStatus.Exited, meta.StartedAt, null, 255, "Unknown",
                    "the container's shim is gone and recorded no exit code");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task StopAsync(string id, TimeSpan grace, CancellationToken cancellationToken)
    {
        var state = await GetStateAsync(id, cancellationToken).ConfigureAwait(false);
        if (state is null or { Status: ContainerStatus.Exited })
        {
            return;
        }
        var bundle = Bundle(id);
        // PID 1 of a pid namespace ignores TERM unless it handles it, hence KILL after the grace period (as kubelet).
        if (grace > TimeSpan.Zero)
        {
            await KillAsync(id, "TERM", cancellationToken).ConfigureAwait(false);
            if (await WaitForExitFileAsync(bundle, grace, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        await KillAsync(id, "KILL", cancellationToken).ConfigureAwait(false);
        if (!await WaitForExitFileAsync(bundle, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)
            && ProcessState(id) is ContainerStatus.Running or ContainerStatus.Created)
        {
            throw new IOException($"container {id} still runs 30 s after SIGKILL");
        }
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var bundle = Bundle(id);
        if (Directory.Exists(bundle.Dir))
        {
            await StopAsync(id, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        // After a foreground run, runc has already deleted its state; what is left belongs to a run that never ended.
        if (Directory.Exists(Path.Combine(root, id)))
        {
            await RuncAsync(cancellationToken, "delete", "--force", id).ConfigureAwait(false);
        }
        if (Directory.Exists(bundle.Dir))
        {
            DeleteBundle(bundle);
            LogRemoved(logger, id);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<ContainerInfo>();
        if (!Directory.Exists(paths.Containers))
        {
            return found;
        }
        foreach (var dir in Directory.EnumerateDirectories(paths.Containers))
        {
            var bundle = new ContainerBundle(dir);
            if (bundle.ReadMetadata() is { } meta
                && await GetStateAsync(meta.Id, cancellationToken).ConfigureAwait(false) is { } state)
            {
                found.Add(new ContainerInfo(meta.Id, meta.PodUid, meta.PodNamespace, meta.PodName, meta.ContainerName, meta.Attempt, state));
            }
        }
        return found;
    }

    private ContainerBundle Bundle(string id)
    {
        // Ids name directories; refuse anything that could leave the containers directory.
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal) || id is "." or "..")
        {
            throw new ArgumentException($"invalid container id \"{id}\"", nameof(id));
        }
        return new ContainerBundle(paths.ContainerBundle(id));
    }

    private static ContainerState Exited(ContainerBundle bundle, ContainerMetadata meta, int code, DateTimeOffset finishedAt)
    {
        if (bundle.ReadStartError() is { } error)
        {
            return new ContainerState(meta.Id, ContainerStatus.Exited, null, finishedAt, 128, "StartError", error);
        }
        return new ContainerState(meta.Id, ContainerStatus.Exited, meta.StartedAt, finishedAt, code, code == 0 ? "Completed" : "Error");
    }

    /// <summary>
    /// What runc's state.json says, as <c>runc state</c> would: no file → null (not created yet, or deleted after
    /// the run); the init process gone (or its pid reused: start time differs) → Exited; the exec fifo still there →
    /// Created; else Running.
    /// </summary>
    private ContainerStatus? ProcessState(string id)
    {
        var dir = Path.Combine(root, id);
        RuncState? state;
        try
        {
            state = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(dir, "state.json")), RuntimeJsonContext.Default.RuncState);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // runc writes state.json by rename, but a half-made directory can show briefly.
            return null;
        }
        if (state is null || ProcessStartTime(state.InitProcessPid) != state.InitProcessStart)
        {
            return ContainerStatus.Exited;
        }
        return File.Exists(Path.Combine(dir, "exec.fifo")) || IsRuncInit(state.InitProcessPid) ? ContainerStatus.Created : ContainerStatus.Running;
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is still runc's init (<c>runc:[2:INIT]</c>), which runs briefly after
    /// runc removed exec.fifo and before it execs the container's command. It is not yet the container:
    /// a TERM then reaches Go's runtime, which, as PID 1 whose own raise is ignored, exits with 2 (seen as
    /// a container that "exited 2" when stopped right after it started).
    /// </summary>
    internal static bool IsRuncInit(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith("runc:[", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private static ulong? ProcessStartTime(int pid)
    {
        try
        {
            // Field 22 of /proc/PID/stat; the command (field 2) is in parentheses and may hold spaces.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && ulong.TryParse(fields[19], CultureInfo.InvariantCulture, out var start) ? start : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    private async Task LaunchShimAsync(ContainerBundle bundle, string id, string logPath, CancellationToken cancellationToken)
    {
        // setsid -f forks: the shim is not the agent's child and leads its own session, so it survives the agent.
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "-f", "/bin/sh", "-c", ShimScript, "stowage-shim", options.RuncPath, root, bundle.Dir, id, logPath })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new ContainerStartException("cannot start the container's shim");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ContainerStartException($"cannot start the container's shim: setsid exited with {process.ExitCode}");
        }
    }

    private async Task<bool> WaitForExitFileAsync(ContainerBundle bundle, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (bundle.ReadExit() is null)
        {
            if (waited.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task KillAsync(string id, string signal, CancellationToken cancellationToken)
    {
        // Fails harmlessly when the container has just exited; the caller waits for the exit file either way.
        var (code, error) = await RuncAsync(cancellationToken, "kill", id, signal).ConfigureAwait(false);
        if (code != 0)
        {
            LogKillFailed(logger, id, signal, error.Trim());
        }
    }

    private async Task<(int Code, string Error)> RuncAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(options.RuncPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new IOException($"cannot run {options.RuncPath}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        return (process.ExitCode, await stderr.ConfigureAwait(false));
    }

    /// <summary>Unmounts the overlay (and anything else below the bundle), then deletes the bundle.</summary>
    private static void DeleteBundle(ContainerBundle bundle)
    {
        Mounts.UnmountAllUnder(bundle.Dir);
        if (Mounts.Under(bundle.Dir).Count > 0)
        {
            // Never delete through a mount: that would delete the image or a volume.
            throw new IOException($"cannot delete {bundle.Dir}: something is still mounted below it");
        }
        if (Directory.Exists(bundle.Dir))
        {
            Directory.Delete(bundle.Dir, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started container {Id} ({Namespace}/{PodName} {Container}) in {Milliseconds} ms")]
    private static partial void LogStarted(ILogger logger, string id, string @namespace, string podName, string container, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed container {Id}")]
    private static partial void LogRemoved(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "runc kill {Id} {Signal}: {Error}")]
    private static partial void LogKillFailed(ILogger logger, string id, string signal, string error);
}
