using System.Diagnostics;

namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>
/// The kubectl-volume plugin installed with <c>stowage plugin install</c> into a private directory,
/// and the real kubectl run with that directory on its PATH, so that <c>kubectl volume ...</c> goes
/// through kubectl's own plugin lookup. kubectl refuses flags before a plugin's name, so the
/// kubeconfig flag goes after the arguments, as a user would type it.
/// </summary>
public sealed class KubectlPlugin : IDisposable
{
    private readonly string _kubeconfig;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "stowage-plugin-" + Guid.NewGuid().ToString("N")[..12]);

    private KubectlPlugin(string kubeconfig) => _kubeconfig = kubeconfig;

    /// <summary>Where the plugin is installed.</summary>
    public string BinDir => Path.Combine(_home, "bin");

    /// <summary>What <c>stowage plugin install</c> printed.</summary>
    public string InstallOutput { get; private set; } = "";

    /// <summary>Installs the plugin with <c>stowage plugin install --dir</c>.</summary>
    public static async Task<KubectlPlugin> InstallAsync(string kubeconfig)
    {
        var plugin = new KubectlPlugin(kubeconfig);
        Directory.CreateDirectory(plugin._home);
        var install = await plugin.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "stowage.dll"), "plugin", "install", "--dir", plugin.BinDir]);
        Assert.True(install.ExitCode == 0, $"stowage plugin install failed:\n{install.Stdout}\n{install.Stderr}");
        plugin.InstallOutput = install.Stdout;
        return plugin;
    }

    /// <summary>Runs <c>kubectl volume ARGS --kubeconfig ...</c>.</summary>
    public Task<KubectlResult> VolumeAsync(params string[] args) => RunAsync("kubectl", ["volume", .. args, "--kubeconfig", _kubeconfig]);

    /// <summary>Runs <c>kubectl volume</c> with arguments given as one whitespace-separated string (no quoting).</summary>
    public Task<KubectlResult> VolumeAsync(string args) => VolumeAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Runs kubectl with the plugin directory first on the PATH.</summary>
    public Task<KubectlResult> KubectlAsync(params string[] args) => RunAsync("kubectl", args);

    private async Task<KubectlResult> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        Directory.CreateDirectory(_home);
        start.Environment["HOME"] = _home;
        start.Environment["PATH"] = BinDir + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} timed out:\n{await stdout}\n{await stderr}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
