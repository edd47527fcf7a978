using Stowage.Api.Meta;
using Stowage.Storage;

namespace Stowage.Server.Resources;

/// <summary>
/// The decodings of the most recent stored pairs of one kind, shared by its watchers and its writes: every
/// watcher maps the same event, usually within moments of the others; a watcher filtering modifications reads
/// the previous value, which it mapped as the previous event; and an update reads the value it replaces,
/// often just written and mapped. Small and lossy by design: a miss only costs a decode.
/// </summary>
/// <remarks>
/// A pair is identified by its key and modification revision: the datastore gives every write its own
/// revision, so the two name one value. Thread-safe without locks: each slot holds an immutable (pair, object)
/// entry replaced by one reference write, and decoded records are immutable, so sharing them is safe.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class RecentDecodings<T>
    where T : class, IApiObject<T>
{
    private const int Slots = 512;
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
        if (Volatile.Read(ref _slots[slot]) is { } entry
            && (ReferenceEquals(entry.Pair, kv) || (entry.Pair.ModRevision == kv.ModRevision && string.Equals(entry.Pair.Key, kv.Key, StringComparison.Ordinal))))
        {
            return entry.Object;
        }

        var obj = _codec.Decode(kv);
        Volatile.Write(ref _slots[slot], new Entry(kv, obj));
        return obj;
    }

    private sealed record Entry(KeyValue Pair, T Object);
}
