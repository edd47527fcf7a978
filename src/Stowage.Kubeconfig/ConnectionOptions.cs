namespace Stowage.Kubeconfig;

/// <summary>kubectl's connection flags, as kubectl hands them to a plugin (it passes the arguments on unchanged).</summary>
public sealed record ConnectionOptions
{
    /// <summary><c>--kubeconfig</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary><c>--context</c>.</summary>
    public string? Context { get; init; }

    /// <summary><c>--cluster</c>.</summary>
    public string? Cluster { get; init; }

    /// <summary><c>--user</c>.</summary>
    public string? User { get; init; }

    /// <summary><c>-n/--namespace</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary><c>-s/--server</c>.</summary>
    public string? Server { get; init; }

    /// <summary><c>--token</c>.</summary>
    public string? Token { get; init; }

    /// <summary><c>--certificate-authority</c>.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary><c>--client-certificate</c>.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary><c>--client-key</c>.</summary>
    public string? ClientKey { get; init; }

    /// <summary><c>--insecure-skip-tls-verify</c>.</summary>
    public bool? InsecureSkipTlsVerify { get; init; }

    /// <summary><c>--tls-server-name</c>.</summary>
    public string? TlsServerName { get; init; }
}
