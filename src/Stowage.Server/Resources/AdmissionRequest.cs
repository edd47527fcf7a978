using Stowage.Api.Meta;

namespace Stowage.Server.Resources;

/// <summary>What an admission step sees: the operation, the new object, the old one and a way to read others.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Operation">Create, Update or Delete.</param>
/// <param name="Object">The incoming object.</param>
/// <param name="OldObject">The stored object for updates.</param>
/// <param name="Subresource">The subresource written, if any.</param>
/// <param name="Resources">The catalog, to read other objects.</param>
public sealed record AdmissionRequest<T>(AdmissionOperation Operation, T Object, T? OldObject, string? Subresource, ResourceCatalog Resources)
    where T : class, IApiObject<T>;

/// <summary>The admitted operations.</summary>
public enum AdmissionOperation
{
    /// <summary>A create.</summary>
    Create,
    /// <summary>An update or patch.</summary>
    Update,
    /// <summary>A delete.</summary>
    Delete,
}
