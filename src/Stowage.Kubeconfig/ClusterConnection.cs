namespace Stowage.Kubeconfig;

/// <summary>Everything needed to talk to the cluster, resolved from the kubeconfig and flags.</summary>
public sealed record ClusterConnection
{
    /// <summary>The API server.</summary>
    public required Uri Server { get; init; }

    /// <summary>The CA bundle (PEM) that signs the server's certificate; null trusts the system store.</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>Skip verifying the server's certificate.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to verify the server's certificate against, when not the server's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>A bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A client certificate (PEM).</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>The client certificate's key (PEM).</summary>
    public string? ClientKeyPem { get; init; }

    /// <summary>Basic authentication user.</summary>
    public string? Username { get; init; }

    /// <summary>Basic authentication password.</summary>
    public string? Password { get; init; }

    /// <summary>The namespace: -n, else the context's, else default.</summary>
    public string Namespace { get; init; } = "default";
}
