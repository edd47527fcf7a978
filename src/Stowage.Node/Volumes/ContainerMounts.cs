using System.Text;
using Stowage.Api.Core;
using Stowage.Node.Containers;
using Stowage.Runtime.Linux;

namespace Stowage.Node.Volumes;

/// <summary>
/// A container's volumeMounts as runtime mounts, following kubelet's makeMounts: the volume's host
/// path, or with subPath / subPathExpr a path inside it — created when missing with the volume
/// root's permission bits (kubelet's SafeMakeDir) and refused when absolute, when it contains
/// "..", or when symbolic links lead it out of the volume. Read-only when the mount says so or the
/// volume must be read-only. Errors carry kubelet's texts; kubelet reports them as
/// CreateContainerConfigError, and so does the <see cref="VolumeMountException"/> thrown here.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ContainerMounts
{
    public const string ConfigErrorReason = "CreateContainerConfigError";

    public static IReadOnlyList<ContainerMount> For(Container container, PodVolumes volumes)
    {
        var mounts = new List<ContainerMount>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!volumes.Volumes.TryGetValue(mount.Name, out var volume))
            {
                throw Error($"cannot find volume \"{mount.Name}\" to mount into container \"{container.Name}\"");
            }
            var hostPath = volume.HostPath;
            var subPath = mount.SubPath ?? "";
            if (!string.IsNullOrEmpty(mount.SubPathExpr))
            {
                subPath = Expand(mount.SubPathExpr, Environment(container, volumes.Pod));
            }
            if (subPath.Length > 0)
            {
                hostPath = SubPath(volume.HostPath, subPath, mount.Name, container.Name);
            }
            mounts.Add(new ContainerMount(mount.MountPath, hostPath, mount.ReadOnly == true || volume.ReadOnly));
        }
        return mounts;
    }

    private static string SubPath(string volumePath, string subPath, string mountName, string containerName)
    {
        if (subPath.StartsWith('/'))
        {
            throw Error($"error SubPath `{subPath}` must not be an absolute path");
        }
        if (subPath.Split('/').Contains(".."))
        {
            throw Error($"unable to provision SubPath `{subPath}`: must not contain '..'");
        }
        var root = FileSystemCalls.TryRealPath(volumePath)
            ?? throw Error($"failed to prepare subPath for volumeMount \"{mountName}\" of container \"{containerName}\"");
        var full = Path.Combine(volumePath, subPath);
        if (VolumeLibc.FileType(full) is null && !SafeMakeDir(root, subPath))
        {
            // Like kubelet, the detail (which link pointed where) stays in the node's log, not the pod's events.
            throw Error($"failed to create subPath directory for volumeMount \"{mountName}\" of container \"{containerName}\"");
        }
        var real = FileSystemCalls.TryRealPath(full);
        if (real is null || !(real == root || real.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            throw Error($"failed to prepare subPath for volumeMount \"{mountName}\" of container \"{containerName}\"");
        }
        return real;
    }

    // Creates the missing tail of subPath under root with root's permission bits. The existing
    // head may contain symbolic links only if they resolve inside the volume; the new elements are
    // made one by one, so a link swapped in meanwhile is not followed (Directory.CreateDirectory of
    // one element fails on an existing link).
    private static bool SafeMakeDir(string root, string subPath)
    {
        var mode = File.GetUnixFileMode(root);
        var elements = subPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(e => e != ".").ToList();
        var existing = root;
        var index = 0;
        while (index < elements.Count && VolumeLibc.FileType(Path.Combine(existing, elements[index])) is not null)
        {
            existing = Path.Combine(existing, elements[index]);
            index++;
        }
        var realExisting = FileSystemCalls.TryRealPath(existing);
        if (realExisting is null || !(realExisting == root || realExisting.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            return false;
        }
        var current = realExisting;
        for (; index < elements.Count; index++)
        {
            current = Path.Combine(current, elements[index]);
            if (new FileInfo(current).LinkTarget is not null)
            {
                return false;
            }
            try
            {
                Directory.CreateDirectory(current, mode);
                File.SetUnixFileMode(current, mode);
            }
            catch (IOException)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The container's environment for subPathExpr: plain values (themselves expanded against the
    /// variables before them, as kubelet does) and fieldRef values of the pod.
    /// </summary>
    private static Dictionary<string, string> Environment(Container container, Pod pod)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (variable.Value is not null)
            {
                env[variable.Name] = ExpandLenient(variable.Value, env);
            }
            else if (variable.ValueFrom?["fieldRef"]?["fieldPath"]?.GetValue<string>() is { } fieldPath)
            {
                try
                {
                    env[variable.Name] = DownwardApiValues.Field(pod, fieldPath);
                }
                catch (ArgumentException)
                {
                    // An unsupported field leaves the variable unset; subPathExpr then names it as missing.
                }
            }
        }
        return env;
    }

    /// <summary>kubelet's ExpandContainerVolumeMounts: every $(VAR) must have a non-empty value.</summary>
    public static string Expand(string expression, IReadOnlyDictionary<string, string> env)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var expanded = Substitute(expression, name =>
        {
            if (!env.TryGetValue(name, out var value) || value.Length == 0)
            {
                missing.Add(name);
                return "";
            }
            return value;
        });
        if (missing.Count > 0)
        {
            throw Error($"missing value for {string.Join(", ", missing)}");
        }
        return expanded;
    }

    // Env values: an unknown reference is kept as written.
    private static string ExpandLenient(string value, IReadOnlyDictionary<string, string> env) =>
        Substitute(value, name => env.TryGetValue(name, out var v) ? v : $"$({name})");

    // The $(VAR) syntax of Kubernetes' expansion package: "$$" is a literal "$", "$(" without a
    // closing ")" and "$" before anything else are kept as written.
    private static string Substitute(string input, Func<string, string> mapping)
    {
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is var close and > 0)
            {
                output.Append(mapping(input[(i + 2)..close]));
                i = close;
            }
            else
            {
                output.Append('$');
            }
        }
        return output.ToString();
    }

    private static VolumeMountException Error(string message) => new(ConfigErrorReason, message);
}
