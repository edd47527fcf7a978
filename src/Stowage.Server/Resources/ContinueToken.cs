using System.Text.Json;

namespace Stowage.Server.Resources;

/// <summary>
/// A list continuation: the revision the first page was read at and the last key returned, so later
/// pages are read at the same revision and the pages form one consistent list (as Kubernetes does).
/// </summary>
/// <param name="Revision">The revision of the first page.</param>
/// <param name="StartAfterKey">The last key returned (relative to the resource prefix).</param>
public sealed record ContinueToken(long Revision, string StartAfterKey)
{
    /// <summary>Encodes as Kubernetes-like opaque base64.</summary>
    public string Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("v", "meta.k8s.io/v1");
            writer.WriteNumber("rv", Revision);
            writer.WriteString("start", StartAfterKey);
            writer.WriteEndObject();
        }
        return Convert.ToBase64String(stream.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a token; null when it is malformed.</summary>
    public static ContinueToken? TryDecode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            using var doc = JsonDocument.Parse(Convert.FromBase64String(padded));
            var root = doc.RootElement;
            if (root.GetProperty("v").GetString() != "meta.k8s.io/v1")
            {
                return null;
            }
            var rv = root.GetProperty("rv").GetInt64();
            var start = root.GetProperty("start").GetString();
            return rv <= 0 || start is null ? null : new ContinueToken(rv, start);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

}
