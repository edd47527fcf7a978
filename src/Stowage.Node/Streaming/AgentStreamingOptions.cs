using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Stowage.Node.Streaming;

/// <summary>How to run the agent's kubelet-like streaming endpoint.</summary>
public sealed record AgentStreamingOptions
{
    /// <summary>Address to listen on (the node's InternalIP, or Any).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port; 0 picks a free one (see <see cref="AgentStreamingServer.Port"/>). The kubelet's is 10250.</summary>
    public int Port { get; init; } = 10250;

    /// <summary>The bearer token every request must present (the API server's: the cluster admin token).</summary>
    public required string BearerToken { get; init; }

    /// <summary>The agent's directory layout (log files, runc root).</summary>
    public required NodePaths Paths { get; init; }

    /// <summary>The runc binary.</summary>
    public string RuncPath { get; init; } = "runc";

    /// <summary>
    /// The serving certificate; null makes a self-signed one for the node's name and address at
    /// start (the API server does not verify it, as Kubernetes' default kubelet client does not).
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The node's name (the self-signed certificate's subject).</summary>
    public string NodeName { get; init; } = "localhost";
}
