using Stowage.Api.Core;
using Stowage.Api.Selectors;

namespace Stowage.Server.Printing;

/// <summary>The wide cells the workload printers share: layoutContainerCells and the selector forms.</summary>
public static class WorkloadCells
{
    /// <summary>Description of the Containers column.</summary>
    public const string ContainersDescription = "Names of each container in the template.";

    /// <summary>Description of the Images column.</summary>
    public const string ImagesDescription = "Images referenced by each container in the template.";

    /// <summary>Container names and images of a template, each comma-joined (layoutContainerCells).</summary>
    public static (string Names, string Images) Containers(PodTemplateSpec? template)
    {
        var containers = template?.Spec?.Containers ?? [];
        return (string.Join(",", containers.Select(c => c.Name)), string.Join(",", containers.Select(c => c.Image)));
    }

    /// <summary>metav1.FormatLabelSelector: the selector's string form, "&lt;none&gt;" when empty, "&lt;error&gt;" when invalid.</summary>
    public static string FormatLabelSelector(LabelSelector? selector)
    {
        if (!Selector.TryFromLabelSelector(selector, out var parsed, out _))
        {
            return "<error>";
        }
        var text = parsed.ToString();
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>LabelSelectorAsSelector(...).String(): the selector's string form ("" when empty or invalid).</summary>
    public static string SelectorString(LabelSelector? selector) =>
        Selector.TryFromLabelSelector(selector, out var parsed, out _) ? parsed.ToString() : "";

    /// <summary>labels.FormatLabels: sorted key=value pairs, "&lt;none&gt;" when empty.</summary>
    public static string FormatLabels(IReadOnlyDictionary<string, string>? labels)
    {
        var text = Selector.FromSet(labels).ToString();
        return text.Length == 0 ? "<none>" : text;
    }
}
