namespace Stowage.Node;

/// <summary>
/// Where the node agent keeps its state, under one root (by default <c>&lt;data-dir&gt;/node</c>):
/// <code>
/// images/&lt;name&gt;/...            unpacked images (rootfs + image config)
/// runc/                            runc's --root (container state)
/// containers/&lt;container-id&gt;/   one OCI bundle per container (config.json, overlay upper/work, exit file)
/// pods/&lt;pod-uid&gt;/volumes/...    the pod's volumes, one directory per volume
/// pods/&lt;pod-uid&gt;/logs/&lt;container&gt;/&lt;restart-count&gt;.log
/// </code>
/// </summary>
/// <param name="Root">The agent's root directory.</param>
public sealed record NodePaths(string Root)
{
    /// <summary>Unpacked images.</summary>
    public string Images => Path.Combine(Root, "images");

    /// <summary>runc's state directory (<c>runc --root</c>).</summary>
    public string RuncRoot => Path.Combine(Root, "runc");

    /// <summary>Container bundles.</summary>
    public string Containers => Path.Combine(Root, "containers");

    /// <summary>Per-pod directories.</summary>
    public string Pods => Path.Combine(Root, "pods");

    /// <summary>One container's OCI bundle directory.</summary>
    public string ContainerBundle(string containerId) => Path.Combine(Containers, containerId);

    /// <summary>One pod's directory.</summary>
    public string Pod(string podUid) => Path.Combine(Pods, podUid);

    /// <summary>One pod's volumes.</summary>
    public string PodVolumes(string podUid) => Path.Combine(Pod(podUid), "volumes");

    /// <summary>One container's log directory (one file per attempt).</summary>
    public string ContainerLogs(string podUid, string containerName) => Path.Combine(Pod(podUid), "logs", containerName);

    /// <summary>The log file of one attempt of a container (attempt = its restart count when it ran).</summary>
    public string ContainerLog(string podUid, string containerName, int attempt) =>
        Path.Combine(ContainerLogs(podUid, containerName), $"{attempt}.log");
}
