using System.Globalization;
using System.Text;

namespace Stowage.Api.Validation;

/// <summary>
/// The few pieces of Go formatting that leak into Kubernetes' error texts: strconv.Quote (%q),
/// %#v of a []string, time.Time.String(), and Go's byte length of a string.
/// </summary>
internal static class GoText
{
    /// <summary>Go's strconv.Quote for the characters API values contain.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>%#v of a []string, e.g. []string{"a", "b"}.</summary>
    public static string StringSlice(IEnumerable<string>? values) =>
        values is null ? "[]string(nil)" : "[]string{" + string.Join(", ", values.Select(Quote)) + "}";

    /// <summary>time.Time.String() of a UTC instant: "2006-01-02 15:04:05.999999999 +0000 UTC".</summary>
    public static string Time(DateTimeOffset? value)
    {
        if (value is null)
        {
            return "null";
        }
        var utc = value.Value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0)
        {
            text += "." + (ticks * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        }
        return text + " +0000 UTC";
    }

    /// <summary>Go's len(s): the UTF-8 byte count.</summary>
    public static int Len(string value) => Encoding.UTF8.GetByteCount(value);
}
