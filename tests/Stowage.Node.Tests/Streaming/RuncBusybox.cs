using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Node.Tests.Streaming;

/// <summary>
/// A real runc container from busybox-static (the environment's recipe): its own bundle, a unique
/// id, stdout and stderr appended to a log file as the runtime does, removed on dispose even when
/// the test failed.
/// </summary>
internal sealed class RuncBusybox : IAsyncDisposable
{
    private static readonly Lazy<string[]> Applets = new(() => Run("/bin/busybox", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries));

    private readonly string _runcRoot;
    private readonly string _bundle;

    private RuncBusybox(string runcRoot, string id, string bundle)
    {
        _runcRoot = runcRoot;
        Id = id;
        _bundle = bundle;
    }

    public string Id { get; }

    /// <summary>Creates the bundle and starts <paramref name="args"/> detached, output appended to <paramref name="logFile"/>.</summary>
    public static async Task<RuncBusybox> StartAsync(string runcRoot, string bundlesDir, string id, string logFile, params string[] args)
    {
        var bundle = Path.Combine(bundlesDir, id);
        var rootfs = Path.Combine(bundle, "rootfs");
        foreach (var dir in new[] { "bin", "proc", "sys", "dev", "tmp", "etc", "root" })
        {
            Directory.CreateDirectory(Path.Combine(rootfs, dir));
        }
        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
        foreach (var applet in Applets.Value)
        {
            if (applet != "busybox")
            {
                File.CreateSymbolicLink(Path.Combine(rootfs, "bin", applet), "busybox");
            }
        }
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Run("runc", "spec", "--bundle", bundle);
        var configPath = Path.Combine(bundle, "config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!;
        config["process"]!["terminal"] = false;
        config["process"]!["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]);
        config["root"]!["readonly"] = false;
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        Directory.CreateDirectory(runcRoot);
        // Detached with terminal false, the container inherits runc's stdio: the log file.
        Run("/bin/sh", "-c", "exec runc --root \"$0\" run -d --bundle \"$1\" \"$2\" </dev/null >>\"$3\" 2>&1", runcRoot, bundle, id, logFile);
        return new RuncBusybox(runcRoot, id, bundle);
    }

    /// <summary>True while runc reports the container running.</summary>
    public bool IsRunning()
    {
        var start = new ProcessStartInfo("runc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--root", _runcRoot, "state", Id })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return false;
        }
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("status").GetString() == "running";
    }

    /// <summary>Runs a command in the container directly (test plumbing, not the code under test).</summary>
    public void Exec(params string[] command) => Run("runc", ["--root", _runcRoot, "exec", Id, .. command]);

    public ValueTask DisposeAsync()
    {
        TryRun("runc", "--root", _runcRoot, "kill", Id, "KILL");
        TryRun("runc", "--root", _runcRoot, "delete", "--force", Id);
        try
        {
            Directory.Delete(_bundle, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    private static string Run(string file, params string[] args)
    {
        var (code, output) = TryRun(file, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {output}");
        }
        return output;
    }

    private static (int Code, string Output) TryRun(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
