using System.Text;

namespace Stowage.KubectlVolume.Editing;

/// <summary>Go's <c>path.Clean</c>: oc cleans mount paths lexically before comparing and storing them.</summary>
internal static class GoPath
{
    /// <summary>The shortest path equivalent to <paramref name="path"/> by purely lexical processing.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count > 0 && parts[^1] != "..")
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                    else if (!rooted)
                    {
                        parts.Add("..");
                    }
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }
        var cleaned = new StringBuilder(rooted ? "/" : "").Append(string.Join('/', parts)).ToString();
        return cleaned.Length == 0 ? "." : cleaned;
    }
}
