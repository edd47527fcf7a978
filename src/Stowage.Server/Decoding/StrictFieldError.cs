using System.Globalization;
using System.Text;

namespace Stowage.Server.Decoding;

/// <summary>
/// One strict decoding problem at a field path, e.g. unknown field "spec.containers[0].foo".
/// Paths are formatted as sigs.k8s.io/json formats them: keys joined with ".", list indices
/// appended as [i], and the whole path quoted as Go's strconv.Quote quotes it.
/// </summary>
/// <param name="Problem">Unknown or duplicate.</param>
/// <param name="Path">The field path, e.g. "spec.bogus".</param>
public readonly record struct StrictFieldError(StrictFieldProblem Problem, string Path)
{
    /// <summary>The message Kubernetes uses: unknown field "spec.bogus" or duplicate field "metadata.name".</summary>
    public string Message =>
        (Problem == StrictFieldProblem.UnknownField ? "unknown field " : "duplicate field ") + GoQuote(Path);

    /// <inheritdoc/>
    public override string ToString() => Message;

    // Go's strconv.Quote: printable characters as they are; quotes, backslashes and control
    // characters escaped; other non-printable runes as \u or \U escapes.
    private static string GoQuote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                case < 0x20 or 0x7f:
                    builder.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (IsPrintable(rune))
                    {
                        builder.Append(rune.ToString());
                    }
                    else if (rune.Value < 0x10000)
                    {
                        builder.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
