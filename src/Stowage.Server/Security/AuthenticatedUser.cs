namespace Stowage.Server.Security;

/// <summary>Who made a request, as Kubernetes' user.Info: a name and groups.</summary>
public sealed record AuthenticatedUser(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>The cluster administrator: in system:masters, which authorization lets do anything.</summary>
    public static AuthenticatedUser Admin { get; } = new("admin", ["system:masters", "system:authenticated"]);
}
