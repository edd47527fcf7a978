using System.Collections.Concurrent;
using Stowage.Node.Streaming;

namespace Stowage.Node.Tests.Streaming;

/// <summary>The agent's view of containers as a test sets it: (namespace, pod, container) to a location whose Running is asked live.</summary>
internal sealed class FixedLocator : IContainerLocator
{
    private readonly ConcurrentDictionary<(string, string, string), (string PodUid, string ContainerId, int Attempt, Func<bool> Running)> _entries = new();

    public void Set(string ns, string pod, string container, string podUid, string containerId, int attempt, Func<bool> running) =>
        _entries[(ns, pod, container)] = (podUid, containerId, attempt, running);

    public ContainerLocation? Locate(string ns, string podName, string containerName) =>
        _entries.TryGetValue((ns, podName, containerName), out var e) ? new ContainerLocation(e.PodUid, e.ContainerId, e.Attempt, e.Running()) : null;
}
