using Stowage.Api.Meta;

namespace Stowage.Server.Strategies;

/// <summary>
/// What a status write may change: only status. Metadata comes from the stored object except
/// resourceVersion (for the precondition) — Kubernetes' ResetObjectMetaForStatus.
/// </summary>
public static class StatusWrites
{
    /// <summary>The stored object with the incoming resourceVersion; the caller then sets status.</summary>
    public static T KeepAllButStatus<T>(T old, T incoming)
        where T : IApiObject<T> =>
        old.WithMetadata(old.Metadata with { ResourceVersion = incoming.Metadata.ResourceVersion });
}
