using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>
/// A real <c>stowage server</c> process on a free loopback port with its own data directory — the
/// way a user runs it. It can be stopped gracefully (SIGTERM), killed (-9) and started again on the
/// same data directory. Disposing kills it and deletes the directory.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;
    private readonly StringWriter _output = new();

    private ServerProcess(string dataDir) => DataDir = dataDir;

    /// <summary>The data directory.</summary>
    public string DataDir { get; }

    /// <summary>The kubeconfig the server wrote.</summary>
    public string Kubeconfig => Path.Combine(DataDir, "kubeconfig.yaml");

    /// <summary>The server URL.</summary>
    public Uri Url { get; private set; } = new("https://127.0.0.1/");

    /// <summary>The process id, while running.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Everything the server printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a server on a fresh data directory.</summary>
    public static async Task<ServerProcess> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stowage-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var server = new ServerProcess(dir);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same data directory and waits until /readyz answers ok.</summary>
    public async Task StartAgainAsync()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "stowage.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { exe, "server", "--data-dir", DataDir, "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start stowage");
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.WriteLine(e.Data);
            var m = UrlPattern().Match(e.Data);
            if (m.Success) url.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.WriteLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(url.Task, exited, Task.Delay(StartTimeout));
        if (first != url.Task)
        {
            var output = Output;
            await KillAsync();
            throw new InvalidOperationException($"stowage did not start:\n{output}");
        }
        Url = await url.Task;
        await WaitReadyAsync();
    }

    /// <summary>SIGTERM and wait for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not running");
        Signal(process.Id, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        _process = null;
        return process.ExitCode;
    }

    /// <summary>kill -9.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>An HTTP client that trusts the cluster CA and carries the admin token.</summary>
    public HttpClient CreateHttpClient(bool authenticated = true)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataDir, "pki", "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                {
                    if (cert is null || chain is null) return false;
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert)) && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0;
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Url };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(DataDir, "admin.token")).Trim());
        }
        return client;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        CleanUpPool(DataDir);
        _output.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a directory we cannot remove must not fail the test that used it.
        }
    }

    /// <summary>
    /// Pool volumes outlive the server process (as kubelet's do), so a test that kills its server
    /// unmounts and detaches what the server left under its data directory.
    /// </summary>
    public static void CleanUpPool(string dataDir)
    {
        CleanUpNode(dataDir);
        var mounts = File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 1 && f[1].StartsWith(dataDir, StringComparison.Ordinal))
            .Select(f => f[1].Replace("\\040", " ", StringComparison.Ordinal)).OrderByDescending(m => m.Length).ToList();
        foreach (var mount in mounts)
        {
            Run("umount", "-l", mount);
        }
        // The pool guards empty mount points with the immutable attribute; lift it so the directory can go.
        var volumes = Path.Combine(dataDir, "pool", "volumes");
        if (Directory.Exists(volumes))
        {
            foreach (var mnt in Directory.EnumerateDirectories(volumes).Select(v => Path.Combine(v, "mnt")).Where(Directory.Exists))
            {
                Run("chattr", "-i", mnt);
            }
        }
        foreach (var line in Run("losetup", "-a").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Contains(dataDir, StringComparison.Ordinal))
            {
                Run("losetup", "-d", line[..line.IndexOf(':', StringComparison.Ordinal)]);
            }
        }
    }

    /// <summary>
    /// Containers outlive the server too (the agent adopts them when it starts again): kill and delete
    /// every runc container of this data directory and the pods' network namespaces, before the
    /// mounts under it are undone.
    /// </summary>
    public static void CleanUpNode(string dataDir)
    {
        var node = Path.Combine(dataDir, "node");
        var root = Path.Combine(node, "runc");
        if (Directory.Exists(root))
        {
            foreach (var id in Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>())
            {
                TryRun("runc", "--root", root, "kill", id, "KILL");
                TryRun("runc", "--root", root, "delete", "--force", id);
            }
        }
        var pods = Path.Combine(node, "pods");
        if (Directory.Exists(pods))
        {
            foreach (var uid in Directory.EnumerateDirectories(pods).Select(Path.GetFileName).OfType<string>())
            {
                if (File.Exists(Stowage.Node.Containers.PodSandbox.NamespacePath(uid)))
                {
                    TryRun("ip", "netns", "delete", Stowage.Node.Containers.PodSandbox.NamespaceName(uid));
                }
            }
        }
    }

    private static void TryRun(string file, params string[] args)
    {
        try
        {
            Run(file, args);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // not installed here: nothing of it to clean up
        }
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    private async Task WaitReadyAsync()
    {
        using var client = CreateHttpClient(authenticated: false);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await client.GetStringAsync("/readyz") == "ok") return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("stowage never became ready:\n" + Output);
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, KILL, …) to <paramref name="pid"/> with kill(1).</summary>
    internal static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
    }

    [GeneratedRegex(@"serving the Kubernetes API at (https://\S+)")]
    private static partial Regex UrlPattern();
}
