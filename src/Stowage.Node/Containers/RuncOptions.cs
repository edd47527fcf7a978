namespace Stowage.Node.Containers;

/// <summary>Where runc is and where it keeps its state.</summary>
public sealed record RuncOptions
{
    /// <summary>The runc binary (default: found in PATH, /usr/sbin or /sbin).</summary>
    public string RuncPath { get; init; } = FindRunc() ?? "runc";

    /// <summary>runc's <c>--root</c> (default: <see cref="NodePaths.RuncRoot"/>).</summary>
    public string? Root { get; init; }

    /// <summary>How long <see cref="RuncRuntime.StartAsync"/> waits for the container to run or exit.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The runc binary in PATH (plus /usr/sbin and /sbin, often missing from a user's PATH), or null.</summary>
    public static string? FindRunc()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, "runc");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
