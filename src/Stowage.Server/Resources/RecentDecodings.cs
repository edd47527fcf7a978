using Stowage.Api.Meta;
using Stowage.Storage;

namespace Stowage.Server.Resources;

/// <summary>
/// The decodings of the most recent stored pairs, shared by the watchers of one kind: every watcher maps
/// the same event, usually within moments of the others, so each event is decoded once rather than once
/// per watcher. Small and lossy by design: a miss only costs a decode.
/// </summary>
/// <remarks>
/// Thread-safe without locks: each slot holds an immutable (pair, object) entry replaced by one reference
/// write; a hit requires the very pair instance (the datastore hands every watcher the same one), and
/// decoded records are immutable, so sharing them is safe.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class RecentDecodings<T>
    where T : class, IApiObject<T>
{
    private const int Slots = 256;
    private readonly ObjectCodec<T> _codec;
    private readonly Entry?[] _slots = new Entry?[Slots];

    public RecentDecodings(ObjectCodec<T> codec)
    {
        _codec = codec;
    }

    /// <summary>The object of a pair, decoded (and remembered) unless a watcher decoded this pair moments ago.</summary>
    public T Decode(KeyValue kv)
    {
        var slot = (int)(kv.ModRevision & (Slots - 1));
        if (Volatile.Read(ref _slots[slot]) is { } entry && ReferenceEquals(entry.Pair, kv))
        {
            return entry.Object;
        }

        var obj = _codec.Decode(kv);
        Volatile.Write(ref _slots[slot], new Entry(kv, obj));
        return obj;
    }

    private sealed record Entry(KeyValue Pair, T Object);
}
