namespace Stowage.Server.Protobuf;

/// <summary>
/// The fields of one decoded message, keyed by field number, before rendering. Holding values
/// rather than JSON lets the renderer apply Go's zero-value and omitempty rules, and lets a message
/// field that appears twice merge as protobuf requires.
/// </summary>
internal sealed class DecodedMessage
{
    private readonly Dictionary<int, object> _values = [];

    public bool TryGet(int number, out object? value)
    {
        var found = _values.TryGetValue(number, out var stored);
        value = stored;
        return found;
    }

    /// <summary>A scalar: the last occurrence wins.</summary>
    public void Set(int number, object value) => _values[number] = value;

    /// <summary>A singular message field: later occurrences merge into the first.</summary>
    public DecodedMessage Child(int number)
    {
        if (_values.TryGetValue(number, out var existing))
        {
            return (DecodedMessage)existing;
        }

        var child = new DecodedMessage();
        _values[number] = child;
        return child;
    }

    public List<object> Repeated(int number)
    {
        if (_values.TryGetValue(number, out var existing))
        {
            return (List<object>)existing;
        }

        var list = new List<object>();
        _values[number] = list;
        return list;
    }

    /// <summary>A map field, kept sorted by key because Go's encoding/json writes map keys sorted.</summary>
    public SortedDictionary<string, object> Map(int number)
    {
        if (_values.TryGetValue(number, out var existing))
        {
            return (SortedDictionary<string, object>)existing;
        }

        var map = new SortedDictionary<string, object>(StringComparer.Ordinal);
        _values[number] = map;
        return map;
    }
}
