namespace Stowage.Server.Security;

/// <summary>How <see cref="ClusterCredentials"/> names the server in its certificate and kubeconfig.</summary>
public sealed record CredentialOptions
{
    /// <summary>The host clients use, written into the kubeconfig as <c>https://Host:Port</c> and added
    /// to the serving certificate. A DNS name or an IP address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The HTTPS port written into the kubeconfig.</summary>
    public int Port { get; init; } = 6443;

    /// <summary>More names for the serving certificate (DNS names or IP literals, e.g. the bind address),
    /// beyond localhost, 127.0.0.1, ::1 and the machine's host name. Unspecified addresses (0.0.0.0, ::)
    /// are ignored: no client connects to them.</summary>
    public IReadOnlyList<string> ExtraSubjectAlternativeNames { get; init; } = [];

    /// <summary>The machine's host name for the certificate; null means <see cref="System.Net.Dns.GetHostName"/>.</summary>
    public string? MachineHostName { get; init; }

    /// <summary>The clock for validity periods and the renewal window.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
