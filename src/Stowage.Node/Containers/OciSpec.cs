using System.Text.Json.Nodes;

namespace Stowage.Node.Containers;

/// <summary>
/// Writes an OCI runtime spec (config.json) for one container. It follows what <c>runc spec</c> generates
/// (the standard /proc, /dev, /sys mounts, masked and read-only paths, a deny-all device cgroup) with
/// Docker's default capabilities, a writable root (the overlay) and the pod's hostname and network.
/// </summary>
internal static class OciSpec
{
    /// <summary>Docker's default capability set, which Kubernetes containers get unless they say otherwise.</summary>
    private static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>The spec. <paramref name="etcFiles"/> maps /etc/hosts, /etc/hostname and /etc/resolv.conf to files in the bundle.</summary>
    public static JsonObject Build(ContainerConfig config, IReadOnlyList<string> args, IReadOnlyList<string> env, string cwd,
        IReadOnlyDictionary<string, string> etcFiles)
    {
        var caps = Array(DefaultCapabilities);
        var namespaces = new JsonArray(
            new JsonObject { ["type"] = "pid" },
            new JsonObject { ["type"] = "ipc" },
            new JsonObject { ["type"] = "uts" },
            new JsonObject { ["type"] = "mount" },
            config.NetworkNamespacePath is { } netns
                ? new JsonObject { ["type"] = "network", ["path"] = netns }
                : new JsonObject { ["type"] = "network" });

        var mounts = new JsonArray(
            Mount("/proc", "proc", "proc"),
            Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
            Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
            Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
            Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
            Mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"));
        foreach (var (destination, source) in etcFiles)
        {
            mounts.Add(Mount(destination, "bind", source, "rbind", "rw"));
        }
        foreach (var m in config.Mounts)
        {
            mounts.Add(m.Type == "tmpfs"
                ? Mount(m.Destination, "tmpfs", "tmpfs", "nosuid", "nodev", "mode=1777", m.ReadOnly ? "ro" : "rw")
                : Mount(m.Destination, "bind", m.Source, "rbind", m.ReadOnly ? "ro" : "rw"));
        }

        var resources = new JsonObject
        {
            ["devices"] = new JsonArray(new JsonObject { ["allow"] = false, ["access"] = "rwm" }),
        };
        if (config.MemoryLimitBytes is { } memory)
        {
            resources["memory"] = new JsonObject { ["limit"] = memory };
        }
        if (config.CpuLimitMillis is { } millis)
        {
            // CFS quota per 100 ms period: 1000m = one CPU = 100000 us of every 100000 us.
            resources["cpu"] = new JsonObject { ["quota"] = Math.Max(1000, millis * 100), ["period"] = 100000 };
        }

        return new JsonObject
        {
            ["ociVersion"] = "1.0.2-dev",
            ["process"] = new JsonObject
            {
                ["terminal"] = false,
                ["user"] = new JsonObject { ["uid"] = 0, ["gid"] = 0 },
                ["args"] = Array(args),
                ["env"] = Array(env),
                ["cwd"] = cwd,
                ["capabilities"] = new JsonObject
                {
                    ["bounding"] = caps.DeepClone(),
                    ["effective"] = caps.DeepClone(),
                    ["permitted"] = caps.DeepClone(),
                    ["inheritable"] = caps.DeepClone(),
                },
                ["noNewPrivileges"] = false,
            },
            // The bundle's rootfs is the overlay mount (image below, the container's writes above).
            ["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = false },
            ["hostname"] = config.Hostname,
            ["mounts"] = mounts,
            ["linux"] = new JsonObject
            {
                // No cgroupsPath: runc then makes /<id> under its caller's cgroup in every hierarchy, which nests
                // containers under the agent and is unique per container id.
                ["resources"] = resources,
                ["namespaces"] = namespaces,
                ["maskedPaths"] = Array(MaskedPaths),
                ["readonlyPaths"] = Array(ReadonlyPaths),
            },
        };
    }

    private static JsonObject Mount(string destination, string type, string source, params string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Array(options),
    };

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
