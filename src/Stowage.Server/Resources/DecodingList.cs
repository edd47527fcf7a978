using Stowage.Api.Meta;
using Stowage.Storage;

namespace Stowage.Server.Resources;

/// <summary>
/// The objects of stored pairs, decoded as they are read rather than all up front. A large unfiltered LIST
/// then streams each object from its stored bytes to the response while it is short-lived, instead of
/// holding every decoded object at once (100,000 PVs are ~1 GB of live records, which the collector has to
/// trace again on every collection while the list is written).
/// </summary>
/// <remarks>Each read decodes anew: callers that read an item twice pay twice, and see equal objects.</remarks>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class DecodingList<T> : IReadOnlyList<IApiObject>
    where T : class, IApiObject<T>
{
    private readonly IReadOnlyList<KeyValue> _pairs;
    private readonly Func<KeyValue, T> _decode;

    public DecodingList(IReadOnlyList<KeyValue> pairs, Func<KeyValue, T> decode)
    {
        _pairs = pairs;
        _decode = decode;
    }

    public int Count => _pairs.Count;

    public IApiObject this[int index] => _decode(_pairs[index]);

    public IEnumerator<IApiObject> GetEnumerator()
    {
        foreach (var pair in _pairs)
        {
            yield return _decode(pair);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
