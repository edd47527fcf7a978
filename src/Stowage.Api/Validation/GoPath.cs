using System.Text;

namespace Stowage.Api.Validation;

/// <summary>
/// Go's path.Clean (slash-separated, lexical): the hostPath "/" rule, and the mount paths kubectl-volume compares and
/// stores as oc does.
/// </summary>
public static class GoPath
{
    /// <summary>The shortest path equivalent to <paramref name="path"/> by purely lexical processing.</summary>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return ".";
        }
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }
                continue;
            }
            parts.Add(part);
        }
        var sb = new StringBuilder();
        if (rooted)
        {
            sb.Append('/');
        }
        sb.Append(string.Join('/', parts));
        return sb.Length == 0 ? "." : sb.ToString();
    }
}
