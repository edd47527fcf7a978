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
/// <remarks>
/// The object may be decoded only when asked for: a watcher without selectors sends the stored bytes
/// (see <see cref="Stored"/>) and never needs it.
/// </remarks>
public sealed class ObjectEvent
{
    private readonly Func<Stowage.Storage.KeyValue, IApiObject>? _decode;
    private IApiObject? _object;

    /// <summary>An event with its object.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="obj">The object (for DELETED, its last state).</param>
    /// <param name="revision">The revision of the change.</param>
    /// <param name="stored">
    /// The stored pair the object is decoded from, with <c>ModRevision</c> = <paramref name="revision"/>, so its
    /// served JSON can be made from the stored bytes; null when unknown.
    /// </param>
    public ObjectEvent(ObjectEventType type, IApiObject? obj, long revision, Stowage.Storage.KeyValue? stored = null)
    {
        Type = type;
        _object = obj;
        Revision = revision;
        Stored = stored;
    }

    /// <summary>An event whose object is decoded from <paramref name="stored"/> when first asked for.</summary>
    public ObjectEvent(ObjectEventType type, long revision, Stowage.Storage.KeyValue stored, Func<Stowage.Storage.KeyValue, IApiObject> decode)
    {
        Type = type;
        Revision = revision;
        Stored = stored;
        _decode = decode;
    }

    /// <summary>The event type.</summary>
    public ObjectEventType Type { get; }

    /// <summary>The object (for DELETED, its last state).</summary>
    public IApiObject? Object => _object ??= _decode?.Invoke(Stored!);

    /// <summary>The revision of the change.</summary>
    public long Revision { get; }

    /// <summary>The stored pair of the object at <see cref="Revision"/>; null when unknown.</summary>
    public Stowage.Storage.KeyValue? Stored { get; }
}
