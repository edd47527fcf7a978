using System.Globalization;
using System.Text.Json;

namespace Stowage.Node.Containers;

/// <summary>
/// One container's OCI bundle directory and the files the runtime and its shim keep there:
/// <code>
/// config.json     the OCI spec
/// meta.json       pod and container identity, attempt, start time (for adoption)
/// rootfs/         the overlay mount: image (lower, read-only) + upper/ (the container's writes) + work/
/// etc/            hosts, hostname, resolv.conf (bind-mounted into the container)
/// runc.log        runc's own log (JSON lines); an "error" line means runc could not start the process
/// exit            "CODE UNIX-NANOSECONDS", written by the shim (tmp + rename) once runc returned
/// </code>
/// </summary>
internal sealed class ContainerBundle(string dir)
{
    public string Dir { get; } = dir;

    public string Rootfs => Path.Combine(Dir, "rootfs");

    public string Upper => Path.Combine(Dir, "upper");

    public string Work => Path.Combine(Dir, "work");

    public string Etc => Path.Combine(Dir, "etc");

    public string ConfigFile => Path.Combine(Dir, "config.json");

    public string MetaFile => Path.Combine(Dir, "meta.json");

    public string RuncLog => Path.Combine(Dir, "runc.log");

    public string ExitFile => Path.Combine(Dir, "exit");

    public ContainerMetadata? ReadMetadata()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(MetaFile), RuntimeJsonContext.Default.ContainerMetadata);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public void WriteMetadata(ContainerMetadata metadata) =>
        File.WriteAllBytes(MetaFile, JsonSerializer.SerializeToUtf8Bytes(metadata, RuntimeJsonContext.Default.ContainerMetadata));

    /// <summary>The exit code and finish time the shim recorded, or null while the container has not exited.</summary>
    public (int Code, DateTimeOffset FinishedAt)? ReadExit()
    {
        string text;
        try
        {
            text = File.ReadAllText(ExitFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        // The shim renames a complete file into place, so a present file is whole.
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var code = parts.Length > 0 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var c) ? c : 255;
        var finished = parts.Length > 1 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ns)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000)
            : File.GetLastWriteTimeUtc(ExitFile);
        return (code, finished);
    }

    /// <summary>
    /// runc's error when it failed before the container's process ran, from its JSON log, with runc's
    /// wrapping ("runc run failed: unable to start container process: ") taken off; null when it did not fail.
    /// </summary>
    public string? ReadStartError()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(RuncLog);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        foreach (var line in lines.Reverse())
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("level", out var level) && level.GetString() is "error" or "fatal"
                    && doc.RootElement.TryGetProperty("msg", out var msg) && msg.GetString() is { Length: > 0 } message)
                {
                    return TrimRuncPrefixes(message);
                }
            }
            catch (JsonException)
            {
                // Not a JSON line (runc writes plain text before it parsed --log-format); ignore it.
            }
        }
        return null;
    }

    internal static string TrimRuncPrefixes(string message)
    {
        foreach (var prefix in new[] { "runc run failed: ", "runc create failed: ", "unable to start container process: " })
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                message = message[prefix.Length..];
            }
        }
        return message;
    }

    /// <summary>Writes /etc/hosts, /etc/hostname and /etc/resolv.conf for the container; returns destination → file.</summary>
    public Dictionary<string, string> WriteEtcFiles(string hostname)
    {
        Directory.CreateDirectory(Etc);
        var hosts = Path.Combine(Etc, "hosts");
        File.WriteAllText(hosts, $"127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t{hostname}\n");
        var hostnameFile = Path.Combine(Etc, "hostname");
        File.WriteAllText(hostnameFile, hostname + "\n");
        var resolv = Path.Combine(Etc, "resolv.conf");
        File.WriteAllText(resolv, File.Exists("/etc/resolv.conf") ? File.ReadAllText("/etc/resolv.conf") : "");
        return new() { ["/etc/hosts"] = hosts, ["/etc/hostname"] = hostnameFile, ["/etc/resolv.conf"] = resolv };
    }
}
