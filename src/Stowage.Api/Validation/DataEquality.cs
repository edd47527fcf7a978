namespace Stowage.Api.Validation;

/// <summary>reflect.DeepEqual of the data maps of Secrets and ConfigMaps: nil and empty maps differ.</summary>
internal static class DataEquality
{
    public static bool SameBytes(IReadOnlyDictionary<string, byte[]>? a, IReadOnlyDictionary<string, byte[]>? b) =>
        (a is null || b is null)
            ? a is null && b is null
            : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && (kv.Value ?? []).AsSpan().SequenceEqual(v ?? []));

    public static bool SameStrings(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a is null || b is null)
            ? a is null && b is null
            : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));
}
