namespace Stowage.Server.Security;

/// <summary>What <see cref="ClusterCredentials.LoadOrCreateAsync"/> had to create or rewrite, for logging.</summary>
[Flags]
public enum CredentialChanges
{
    None = 0,
    CreatedCertificateAuthority = 1,
    IssuedServingCertificate = 2,
    CreatedAdminToken = 4,
    WroteKubeconfig = 8,
}
