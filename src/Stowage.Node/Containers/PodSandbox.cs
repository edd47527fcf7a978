using System.Diagnostics;

namespace Stowage.Node.Containers;

/// <summary>
/// A pod's shared network: one named network namespace per pod (<c>stowage-&lt;pod uid&gt;</c> under
/// /var/run/netns, made with <c>ip netns add</c>, loopback up), which every container of the pod joins, so they
/// reach each other on 127.0.0.1 as in Kubernetes. The name holds the whole UID, so pods (and concurrent test
/// runs with their own UIDs) never share one, and <see cref="ListAsync"/> maps names back to pods.
/// </summary>
public sealed class PodSandbox
{
    private const string Prefix = "stowage-";
    private const string NetnsDir = "/var/run/netns";
    private readonly string ip;

    /// <summary>Creates the sandbox manager (<paramref name="ipPath"/>: the iproute2 <c>ip</c> binary; default found in PATH or /usr/sbin, /sbin).</summary>
    public PodSandbox(string? ipPath = null)
    {
        ip = ipPath ?? FindIp() ?? "ip";
    }

    /// <summary>The network namespace's name for a pod.</summary>
    public static string NamespaceName(string podUid)
    {
        ArgumentException.ThrowIfNullOrEmpty(podUid);
        if (podUid.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || podUid.StartsWith('.'))
        {
            throw new ArgumentException($"pod UID \"{podUid}\" cannot name a network namespace", nameof(podUid));
        }
        return Prefix + podUid;
    }

    /// <summary>The path containers join (<c>/var/run/netns/stowage-&lt;uid&gt;</c>).</summary>
    public static string NamespacePath(string podUid) => Path.Combine(NetnsDir, NamespaceName(podUid));

    /// <summary>Makes the pod's network namespace (if it does not exist) with loopback up; returns its path.</summary>
    public async Task<string> EnsureAsync(string podUid, CancellationToken cancellationToken)
    {
        var name = NamespaceName(podUid);
        var path = NamespacePath(podUid);
        if (!File.Exists(path))
        {
            var (code, error) = await IpAsync(cancellationToken, "netns", "add", name).ConfigureAwait(false);
            // Another caller may have made it between the check and here; that is fine.
            if (code != 0 && !File.Exists(path))
            {
                throw new IOException($"cannot create network namespace {name}: {error.Trim()}");
            }
        }
        var (upCode, upError) = await IpAsync(cancellationToken, "-n", name, "link", "set", "lo", "up").ConfigureAwait(false);
        if (upCode != 0)
        {
            throw new IOException($"cannot bring up loopback in network namespace {name}: {upError.Trim()}");
        }
        return path;
    }

    /// <summary>Deletes the pod's network namespace; nothing happens when it does not exist.</summary>
    public async Task RemoveAsync(string podUid, CancellationToken cancellationToken)
    {
        var name = NamespaceName(podUid);
        if (!File.Exists(NamespacePath(podUid)))
        {
            return;
        }
        var (code, error) = await IpAsync(cancellationToken, "netns", "delete", name).ConfigureAwait(false);
        if (code != 0 && File.Exists(NamespacePath(podUid)))
        {
            throw new IOException($"cannot delete network namespace {name}: {error.Trim()}");
        }
    }

    /// <summary>The pod UIDs that have a network namespace on this node (to find leaks).</summary>
    public static IReadOnlyList<string> List() =>
        Directory.Exists(NetnsDir)
            ? [.. Directory.EnumerateFiles(NetnsDir, Prefix + "*").Select(f => Path.GetFileName(f)[Prefix.Length..]).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The pod UIDs that have a network namespace on this node (to find leaks).</summary>
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(List());
    }

    private static string? FindIp() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(d => Path.Combine(d, "ip"))
            .FirstOrDefault(File.Exists);

    private async Task<(int Code, string Error)> IpAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(ip) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new IOException($"cannot run {ip}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        return (process.ExitCode, await stderr.ConfigureAwait(false));
    }
}
