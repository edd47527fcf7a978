using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>TEMPORARY minimal selector parsing until the selector module lands (equality only).</summary>
public static class Selection
{
    /// <summary>Parses a label selector.</summary>
    public static LabelFilter ParseLabels(string text)
    {
        var terms = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2)).ToList();
        return new LabelFilter(text, labels => terms.All(t => t.Length == 2 && labels is not null && labels.TryGetValue(t[0].TrimEnd('!'), out var v) && v == t[1].TrimStart('=')));
    }

    /// <summary>Parses a field selector.</summary>
    public static FieldFilter ParseFields(string text)
    {
        var terms = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2)).ToList();
        return new FieldFilter(text, terms.Select(t => t[0].TrimEnd('!')).ToList(), get => terms.All(t => get(t[0].TrimEnd('!')) == t[1].TrimStart('=')));
    }
}
