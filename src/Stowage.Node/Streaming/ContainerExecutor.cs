using System.Diagnostics;
using System.Text.Json;

namespace Stowage.Node.Streaming;

/// <summary>
/// Runs a command in a running container with <c>runc exec</c>, relaying its standard streams —
/// the kubelet's ExecInContainer. Without a TTY the command's stdin, stdout and stderr are pipes.
/// With a TTY runc runs as <c>runc exec -t</c> on a host pseudo-terminal (see
/// <see cref="HostPseudoTerminal"/>), so the command gets a real terminal of the container's own
/// devpts (<c>tty</c> prints /dev/pts/0) and stderr is merged into the terminal, as in Kubernetes.
/// </summary>
/// <remarks>
/// runc's own failures (no such container, executable not found) end runc with status 255 and a
/// JSON log entry; they come back as <see cref="ExecOutcome.Error"/>, not as exit code 255. When the
/// caller cancels (the client went away), runc gets SIGTERM, which it forwards to the command, and
/// SIGKILL after a short grace period.
/// </remarks>
public sealed class ContainerExecutor
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    private readonly string _runcRoot;
    private readonly string _runc;

    /// <summary>Creates an executor for the containers under <paramref name="runcRoot"/> (runc --root).</summary>
    public ContainerExecutor(string runcRoot, string runcPath = "runc")
    {
        _runcRoot = runcRoot;
        _runc = runcPath;
    }

    /// <summary>Runs <paramref name="request"/> in container <paramref name="containerId"/> until it exits.</summary>
    public async Task<ExecOutcome> ExecAsync(string containerId, ExecRequest request, ExecStreams streams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(streams);
        if (request.Command.Count == 0)
        {
            return new ExecOutcome(-1, "command is required");
        }
        var logFile = Path.Combine(Path.GetTempPath(), $"stowage-exec-{Guid.NewGuid():N}.log");
        try
        {
            var exitCode = request.Tty
                ? await RunOnTerminalAsync(containerId, request, streams, logFile, cancellationToken).ConfigureAwait(false)
                : await RunWithPipesAsync(containerId, request, streams, logFile, cancellationToken).ConfigureAwait(false);
            return exitCode == 255 && RuncError(logFile) is { } error ? new ExecOutcome(exitCode, error) : new ExecOutcome(exitCode, null);
        }
        finally
        {
            File.Delete(logFile);
        }
    }

    private List<string> RuncArguments(string containerId, ExecRequest request, string logFile)
    {
        var args = new List<string> { "--root", _runcRoot, "--log", logFile, "--log-format", "json", "exec" };
        if (request.Tty)
        {
            args.Add("-t");
        }
        args.Add(containerId);
        args.AddRange(request.Command);
        return args;
    }

    private async Task<int> RunWithPipesAsync(string containerId, ExecRequest request, ExecStreams streams, string logFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_runc)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in RuncArguments(containerId, request, logFile))
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start runc");
        using var stdinDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = request.Stdin && streams.Stdin is not null
            ? PumpStdinAsync(streams.Stdin, process.StandardInput.BaseStream, stdinDone.Token)
            : CloseAsync(process.StandardInput.BaseStream);
        var stdout = PumpOutputAsync(process.StandardOutput.BaseStream, request.Stdout ? streams.Stdout : null, cancellationToken);
        var stderr = PumpOutputAsync(process.StandardError.BaseStream, request.Stderr ? streams.Stderr : null, cancellationToken);
        await using (cancellationToken.Register(() => Terminate(process)).ConfigureAwait(false))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        await stdinDone.CancelAsync().ConfigureAwait(false);
        await stdin.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    private async Task<int> RunOnTerminalAsync(string containerId, ExecRequest request, ExecStreams streams, string logFile, CancellationToken cancellationToken)
    {
        using var terminal = HostPseudoTerminal.Open();
        // The shell opens the slave by path as stdin/stdout/stderr; setsid -c makes it the
        // controlling terminal of runc's new session, so the kernel delivers SIGWINCH to runc.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid -w -c \"$@\" <\"$0\" >\"$0\" 2>&1");
        start.ArgumentList.Add(terminal.SlavePath);
        start.ArgumentList.Add(_runc);
        foreach (var a in RuncArguments(containerId, request, logFile))
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start runc");
        process.StandardInput.Close();
        var sink = request.Stdout ? streams.Stdout : null;
        var output = Task.Factory.StartNew(() => RelayTerminalOutputAsync(terminal, sink, cancellationToken),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        using var inputDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var input = request.Stdin && streams.Stdin is not null
            ? PumpTerminalInputAsync(streams.Stdin, terminal, inputDone.Token)
            : Task.CompletedTask;
        var resize = streams.Resize is not null ? PumpResizeAsync(streams.Resize, terminal, inputDone.Token) : Task.CompletedTask;
        await using (cancellationToken.Register(() => Terminate(process)).ConfigureAwait(false))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        // Every other slave descriptor closed with runc: closing ours lets the master drain and end.
        terminal.CloseSlave();
        await output.ConfigureAwait(false);
        await inputDone.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(input, resize).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    private static async Task RelayTerminalOutputAsync(HostPseudoTerminal terminal, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? sink, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = terminal.Read(buffer);
            if (n == 0)
            {
                return;
            }
            if (sink is not null && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await sink(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The client left: keep draining so the terminal can close.
                }
            }
        }
    }

    private static async Task PumpTerminalInputAsync(Stream source, HostPseudoTerminal terminal, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                terminal.Write(buffer.AsSpan(0, n));
            }
            // End of input on a terminal is the EOF character (^D), as a user would type it.
            terminal.Write([4]);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The command ended first, or the client left.
        }
    }

    private static async Task PumpResizeAsync(System.Threading.Channels.ChannelReader<TerminalSize> sizes, HostPseudoTerminal terminal, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var size in sizes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                terminal.Resize(size.Width, size.Height);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PumpStdinAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The command exited without reading all its input (EPIPE), or the exec ended.
        }
        await CloseAsync(target).ConfigureAwait(false);
    }

    private static async Task CloseAsync(Stream stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Broken pipe: the command is gone.
        }
    }

    private static async Task PumpOutputAsync(Stream source, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? sink, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        int n;
        while ((n = await source.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            if (sink is null || cancellationToken.IsCancellationRequested)
            {
                continue; // drain, so the command never blocks on a full pipe
            }
            try
            {
                await sink(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    // SIGTERM to runc, which forwards it to the command; SIGKILL if it is still there after a grace period.
    private static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }
            _ = NativeTerminal.kill(process.Id, NativeTerminal.SIGTERM);
            _ = Task.Delay(KillGrace).ContinueWith(_ =>
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }, TaskScheduler.Default);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    // runc's last error-level entry from its JSON log ("exec failed: container does not exist").
    private static string? RuncError(string logFile)
    {
        if (!File.Exists(logFile))
        {
            return null;
        }
        string? message = null;
        foreach (var line in File.ReadLines(logFile))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("level", out var level) && level.GetString() is "error" or "fatal"
                    && doc.RootElement.TryGetProperty("msg", out var msg))
                {
                    message = msg.GetString();
                }
            }
            catch (JsonException)
            {
                // Not a log entry.
            }
        }
        return message;
    }
}
