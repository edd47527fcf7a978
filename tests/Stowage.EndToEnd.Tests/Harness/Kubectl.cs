using System.Diagnostics;

namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>The result of one kubectl run.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">What it printed on stdout.</param>
/// <param name="Stderr">What it printed on stderr.</param>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Throws unless the command succeeded.</summary>
    public KubectlResult Ok()
    {
        Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}):\n{Stdout}\n{Stderr}");
        return this;
    }

    /// <summary>Throws unless the command failed.</summary>
    public KubectlResult Fails()
    {
        Assert.True(ExitCode != 0, $"kubectl unexpectedly succeeded:\n{Stdout}\n{Stderr}");
        return this;
    }
}

/// <summary>Runs the real kubectl against a server, with a private cache directory.</summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _kubeconfig;
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "stowage-kubectl-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _workDir;

    /// <summary>Creates a runner for a kubeconfig; files named in commands are relative to <paramref name="workDir"/>.</summary>
    public Kubectl(string kubeconfig, string? workDir = null)
    {
        _kubeconfig = kubeconfig;
        _workDir = workDir ?? Path.Combine(AppContext.BaseDirectory, "Manifests");
        Directory.CreateDirectory(_cacheDir);
    }

    /// <summary>Runs kubectl with arguments (no shell), optional stdin, and a deadline.</summary>
    public async Task<KubectlResult> RunAsync(string[] args, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = _workDir,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(_cacheDir);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["HOME"] = _cacheDir;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start kubectl");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} timed out:\n{await stdout}\n{await stderr}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl with arguments given as one whitespace-separated string (no quoting).</summary>
    public Task<KubectlResult> RunAsync(string args, string? stdin = null) =>
        RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), stdin);

    /// <summary>Starts a long-running kubectl (e.g. get -w) whose output is read as it comes.</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workDir,
        };
        foreach (var a in new[] { "--kubeconfig", _kubeconfig, "--cache-dir", _cacheDir }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["HOME"] = _cacheDir;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start kubectl");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_cacheDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
