using System.Text.Json.Nodes;

namespace Stowage.KubectlVolume.Editing;

/// <summary>
/// Which containers of a pod spec <c>--containers</c> selects: a comma-separated list of names, each
/// of which may use <c>*</c> wildcards; <c>*</c> (the default) selects all, as in oc.
/// </summary>
internal static class ContainerSelector
{
    /// <summary>The spec that selects every container.</summary>
    public const string All = "*";

    /// <summary>Splits the containers of <paramref name="spec"/> into the selected and the skipped.</summary>
    public static (List<JsonObject> Selected, List<JsonObject> Skipped) Select(JsonObject spec, string selector)
    {
        var selected = new List<JsonObject>();
        var skipped = new List<JsonObject>();
        foreach (var c in Json.Objects(spec["containers"]))
        {
            (Matches(Json.Str(c["name"]) ?? "", selector) ? selected : skipped).Add(c);
        }
        return (selected, skipped);
    }

    /// <summary>Whether <paramref name="name"/> matches one of the comma-separated patterns.</summary>
    public static bool Matches(string name, string selector) =>
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(p => Glob(name, p));

    private static bool Glob(string s, string pattern)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return s == pattern;
        }
        var parts = pattern.Split('*');
        if (!s.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }
        var pos = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var next = s.IndexOf(parts[i], pos, StringComparison.Ordinal);
            if (next < 0)
            {
                return false;
            }
            pos = next + parts[i].Length;
        }
        var last = parts[^1];
        return s.Length - pos >= last.Length && s.EndsWith(last, StringComparison.Ordinal);
    }
}
