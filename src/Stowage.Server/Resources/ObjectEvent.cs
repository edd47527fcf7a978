using Stowage.Api.Meta;

namespace Stowage.Server.Resources;

/// <summary>The watch event types, as on the wire.</summary>
public enum ObjectEventType
{
    /// <summary>ADDED.</summary>
    Added,
    /// <summary>MODIFIED.</summary>
    Modified,
    /// <summary>DELETED.</summary>
    Deleted,
    /// <summary>BOOKMARK: no object change, only a resourceVersion.</summary>
    Bookmark,
}

/// <summary>A change to an object as a watcher sees it.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Object">The object (for DELETED, its last state).</param>
/// <param name="Revision">The revision of the change.</param>
/// <param name="Stored">
/// The stored pair the object is decoded from, with <c>ModRevision</c> = <paramref name="Revision"/>, so its
/// served JSON can be made from the stored bytes; null when unknown.
/// </param>
public sealed record ObjectEvent(ObjectEventType Type, IApiObject? Object, long Revision, Stowage.Storage.KeyValue? Stored = null);
