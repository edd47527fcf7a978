namespace Stowage.Node.Streaming;

/// <summary>Finds a pod's container on this node for logs and exec (the agent implements it).</summary>
public interface IContainerLocator
{
    /// <summary>The container, or null when this node has no such pod or container.</summary>
    ContainerLocation? Locate(string ns, string podName, string containerName);
}

/// <summary>Where a pod's container lives on the node.</summary>
/// <param name="PodUid">The pod's UID.</param>
/// <param name="ContainerId">The runc id.</param>
/// <param name="CurrentAttempt">The attempt (restart count) of the current or last run; -1 when it never ran.</param>
/// <param name="Running">True while the current attempt runs.</param>
public sealed record ContainerLocation(string PodUid, string ContainerId, int CurrentAttempt, bool Running);
