using System.Diagnostics;

namespace Stowage.Controllers.Pool;

/// <summary>
/// Runs the node's storage tools (losetup, mkfs.ext4, mount, …) and captures their output.
/// Commands run with <c>LC_ALL=C</c> so that the messages the pool recognises (<c>target is busy</c>,
/// <c>Permission denied</c>) are not translated. A cancelled command is killed.
/// </summary>
internal sealed class CommandRunner
{
    // The sbin directories are searched even when PATH lacks them (a non-login root shell, systemd
    // units with a minimal PATH): that is where util-linux and e2fsprogs install these tools.
    private static readonly string[] ExtraDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The full path of <paramref name="tool"/>, or null when it is not installed.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = System.IO.Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs a command and throws <see cref="CommandFailedException"/> unless it exits with 0.</summary>
    public async Task<CommandResult> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(CommandLine(tool, arguments), result.ExitCode, result.StandardError);
        }
        return result;
    }

    /// <summary>Runs a command and returns its result whatever its exit code.</summary>
    public async Task<CommandResult> TryRunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CommandFailedException($"{CommandLine(tool, arguments)} could not be started: {e.Message}", e);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>The command as it would be typed in a shell, for messages.</summary>
    public static string CommandLine(string tool, IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? tool : tool + " " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
}
