using Stowage.Node.Images;

namespace Stowage.Node.Containers;

/// <summary>
/// Kubernetes' rules for a container's process, from the pod's container and its image:
/// <list type="bullet">
/// <item><c>command</c> replaces the image's Entrypoint and drops its Cmd (<c>args</c>, if any, follow it);</item>
/// <item><c>args</c> alone replaces the Cmd after the image's Entrypoint;</item>
/// <item>neither runs Entrypoint + Cmd.</item>
/// </list>
/// An empty list counts as unset, as in Kubernetes.
/// </summary>
public static class ContainerProcess
{
    /// <summary>The PATH a container has when neither its image nor its spec sets one (Docker's default).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The argv of the container's process.</summary>
    /// <exception cref="ContainerStartException">Neither the container nor its image names a command.</exception>
    public static IReadOnlyList<string> Args(IReadOnlyList<string>? command, IReadOnlyList<string>? args, ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        List<string> argv = command is { Count: > 0 }
            ? [.. command, .. args ?? []]
            : args is { Count: > 0 } ? [.. image.Entrypoint, .. args] : [.. image.Entrypoint, .. image.Cmd];
        if (argv.Count == 0)
        {
            throw new ContainerStartException($"no command specified: image \"{image.Name}\" has neither Entrypoint nor Cmd, and the container sets no command");
        }
        return argv;
    }

    /// <summary>
    /// The environment as KEY=VALUE: PATH's default, then the image's Env, then the container's, then HOSTNAME;
    /// a later value of a key replaces an earlier one in place.
    /// </summary>
    public static IReadOnlyList<string> Env(ImageRecord image, IEnumerable<KeyValuePair<string, string>> env, string hostname)
    {
        ArgumentNullException.ThrowIfNull(image);
        var order = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string key, string value)
        {
            if (!values.ContainsKey(key))
            {
                order.Add(key);
            }
            values[key] = value;
        }
        Set("PATH", DefaultPath);
        foreach (var kv in image.Env)
        {
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                Set(kv[..eq], kv[(eq + 1)..]);
            }
        }
        foreach (var (key, value) in env)
        {
            Set(key, value);
        }
        Set("HOSTNAME", hostname);
        return [.. order.Select(k => $"{k}={values[k]}")];
    }

    /// <summary>The working directory: the container's, else the image's, else "/".</summary>
    public static string WorkingDir(string? workingDir, ImageRecord image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return !string.IsNullOrEmpty(workingDir) ? workingDir : !string.IsNullOrEmpty(image.WorkingDir) ? image.WorkingDir : "/";
    }
}
