using Stowage.Api.Meta;

namespace Stowage.Server.Resources;

/// <summary>What a delete did.</summary>
/// <param name="Object">The deleted object, or the object now marked for deletion.</param>
/// <param name="Deleted">True when the object is gone; false when finalizers hold it.</param>
public sealed record DeleteResult(IApiObject Object, bool Deleted);
