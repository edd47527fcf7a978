namespace Stowage.Server.Hosting;

/// <summary>How to run the API server.</summary>
public sealed record ServerOptions
{
    /// <summary>Where the database, certificates and kubeconfig live.</summary>
    public required string DataDir { get; init; }

    /// <summary>Address to listen on (default 127.0.0.1).</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Port (default 6443; 0 picks a free one).</summary>
    public int Port { get; init; } = 6443;

    /// <summary>How often history older than one interval is compacted.</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);
}
