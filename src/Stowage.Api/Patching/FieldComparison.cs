namespace Stowage.Api.Patching;

/// <summary>
/// How a new value differs from an old one, field by field (structured-merge-diff's Comparison).
/// No path is in more than one set.
/// </summary>
/// <param name="Added">Fields only in the new value, including containers that appeared.</param>
/// <param name="Modified">Leaves present in both with different values.</param>
/// <param name="Removed">Fields only in the old value, including containers that disappeared.</param>
internal sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;
}
