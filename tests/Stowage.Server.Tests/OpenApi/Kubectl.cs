using System.Diagnostics;

namespace Stowage.Server.Tests.OpenApi;

/// <summary>
/// Runs the real kubectl against a server with no user configuration: an empty kubeconfig, a
/// private HOME and cache directory, and the server given on the command line.
/// </summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Uri _server;
    private readonly string _home;

    public Kubectl(Uri server)
    {
        _server = server;
        _home = Directory.CreateTempSubdirectory("stowage-kubectl-").FullName;
        File.WriteAllText(KubeConfig, "");
    }

    private string KubeConfig => Path.Combine(_home, "kubeconfig");

    /// <summary>Writes a file kubectl can read (e.g. a manifest) and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_home, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--server=" + _server.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--cache-dir=" + Path.Combine(_home, "cache"));
        start.Environment["KUBECONFIG"] = KubeConfig;
        start.Environment["HOME"] = _home;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        using var timeout = new CancellationTokenSource(Deadline);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Deadline}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
