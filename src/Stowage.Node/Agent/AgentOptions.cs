namespace Stowage.Node.Agent;

/// <summary>How a node agent is set up.</summary>
public sealed record AgentOptions
{
    /// <summary>The node's name (by default the host's name, lower case).</summary>
    public required string NodeName { get; init; }

    /// <summary>Where the agent keeps images, containers and pods.</summary>
    public required NodePaths Paths { get; init; }

    /// <summary>The address the API server reaches the agent at (Node InternalIP).</summary>
    public string AdvertiseAddress { get; init; } = "127.0.0.1";

    /// <summary>The agent's streaming (logs/exec) port, published as the Node's kubelet endpoint.</summary>
    public int StreamingPort { get; init; }

    /// <summary>The version the Node reports for its agent (kubeletVersion).</summary>
    public string AgentVersion { get; init; } = "v1.32.0";

    /// <summary>The container runtime's version (containerRuntimeVersion).</summary>
    public string RuntimeVersion { get; init; } = "runc://unknown";

    /// <summary>How often the agent renews its Lease.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the agent reports the Node's status when nothing changed.</summary>
    public TimeSpan StatusReportInterval { get; init; } = TimeSpan.FromSeconds(60);
}
