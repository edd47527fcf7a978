namespace Stowage.Node.Containers;

/// <summary>How the agent names its runc containers: one id per (pod UID, container name).</summary>
public static class ContainerIds
{
    /// <summary>The runc container id of a pod's container.</summary>
    public static string For(string podUid, string containerName) => $"{podUid}-{containerName}";
}
