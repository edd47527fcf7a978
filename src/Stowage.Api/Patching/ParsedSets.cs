using Stowage.Api.Meta;

namespace Stowage.Api.Patching;

/// <summary>
/// The sets of recently read fieldsV1 texts, by content: every update reads the stored object's managers'
/// sets, and the objects of one kind mostly carry the same few. Small and lossy: a miss costs one parse.
/// </summary>
/// <remarks>
/// Thread-safe without locks: each slot holds an immutable (text, set) entry replaced by one reference write,
/// and a hit compares the whole text. <see cref="FieldSet"/>s are immutable, so sharing one is safe.
/// </remarks>
internal static class ParsedSets
{
    private const int Slots = 1024;
    private static readonly Entry?[] Entries = new Entry?[Slots];

    public static FieldSet? Get(FieldsV1 text)
    {
        var entry = Volatile.Read(ref Entries[Slot(text)]);
        return entry is not null && entry.Text.Equals(text) ? entry.Set : null;
    }

    public static void Add(FieldsV1 text, FieldSet set) => Volatile.Write(ref Entries[Slot(text)], new Entry(text, set));

    private static int Slot(FieldsV1 text) => text.GetHashCode() & (Slots - 1);

    private sealed record Entry(FieldsV1 Text, FieldSet Set);
}
