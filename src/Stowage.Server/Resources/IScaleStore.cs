using System.Text.Json.Nodes;
using Stowage.Api.Autoscaling;

namespace Stowage.Server.Resources;

/// <summary>The scale subresource of a resource, as the HTTP layer calls it.</summary>
public interface IScaleStore
{
    /// <summary>The Scale of an object.</summary>
    Task<Scale> GetAsync(string? ns, string name, CancellationToken cancellationToken);

    /// <summary>Replaces the Scale (PUT) and returns the new one.</summary>
    Task<Scale> UpdateAsync(string? ns, string name, JsonObject body, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Patches the Scale and returns the new one.</summary>
    Task<Scale> PatchAsync(string? ns, string name, PatchRequest patch, WriteOptions options, CancellationToken cancellationToken);
}
