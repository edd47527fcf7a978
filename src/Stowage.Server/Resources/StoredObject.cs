using Stowage.Api.Meta;
using Stowage.Storage;

namespace Stowage.Server.Resources;

/// <summary>
/// An object a verb answers with, and — when the answer is what the datastore holds — the stored pair its
/// served JSON is made from (<see cref="IResourceStore.Serialize(StoredObject)"/>), so that a GET or a write's
/// response need not decode and re-encode it.
/// </summary>
public sealed class StoredObject
{
    private readonly Func<KeyValue, IApiObject>? _decode;
    private IApiObject? _object;

    /// <summary>An object that is not (or not exactly) what is stored: a dry run, a deletion's last state.</summary>
    public StoredObject(IApiObject obj)
    {
        _object = obj;
    }

    /// <summary>An object that is exactly the stored pair, already decoded (or built equal to its decoding).</summary>
    public StoredObject(IApiObject obj, KeyValue stored)
    {
        _object = obj;
        Stored = stored;
    }

    /// <summary>A stored pair, decoded only if <see cref="Object"/> is read.</summary>
    public StoredObject(KeyValue stored, Func<KeyValue, IApiObject> decode)
    {
        Stored = stored;
        _decode = decode;
    }

    /// <summary>The object (decoded on first use).</summary>
    public IApiObject Object => _object ??= _decode!(Stored!);

    /// <summary>The stored pair whose value, at its mod revision, is this object; null when it is not stored as is.</summary>
    public KeyValue? Stored { get; }
}
