using System.Globalization;
using System.Numerics;
using System.Text;
using Stowage.Api.Core;
using Stowage.Api.Quantities;

namespace Stowage.Node.Volumes;

/// <summary>
/// The values the downward API exposes, formatted exactly as kubelet writes them: a single field
/// as is, a label or annotation map as sorted <c>key="value"</c> lines (Go's %q quoting, no final
/// newline), a resource as the integer ceiling of value ÷ divisor.
/// </summary>
internal static class DownwardApiValues
{
    /// <summary>A pod field (fieldRef); throws <see cref="ArgumentException"/> with kubelet's text for others.</summary>
    public static string Field(Pod pod, string fieldPath)
    {
        var meta = pod.Metadata;
        if (TrySubscript(fieldPath, "metadata.labels", out var labelKey))
        {
            return meta.Labels?.GetValueOrDefault(labelKey) ?? "";
        }
        if (TrySubscript(fieldPath, "metadata.annotations", out var annotationKey))
        {
            return meta.Annotations?.GetValueOrDefault(annotationKey) ?? "";
        }
        return fieldPath switch
        {
            "metadata.name" => meta.Name ?? "",
            "metadata.namespace" => meta.Namespace ?? "",
            "metadata.uid" => meta.Uid ?? "",
            "metadata.labels" => FormatMap(meta.Labels),
            "metadata.annotations" => FormatMap(meta.Annotations),
            "spec.nodeName" => pod.Spec?.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "",
            "status.podIP" => pod.Status?.PodIP ?? "",
            "status.hostIP" => pod.Status?.HostIP ?? "",
            _ => throw new ArgumentException($"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary>
    /// A container resource (resourceFieldRef). An unset limit is the node's allocatable amount and
    /// an unset request is 0, as kubelet reports them.
    /// </summary>
    public static string Resource(Pod pod, ResourceFieldSelector selector, NodeResources node)
    {
        var containers = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []);
        var container = containers.FirstOrDefault(c => c.Name == selector.ContainerName)
            ?? throw new ArgumentException($"container {selector.ContainerName} not found in pod {pod.Metadata.Namespace}/{pod.Metadata.Name}");
        var divisor = selector.Divisor is { IsZero: false } d ? d : Quantity.FromInt64(1);
        var limits = container.Resources?.Limits;
        var requests = container.Resources?.Requests;
        Quantity Limit(string name, Quantity allocatable) => limits is not null && limits.TryGetValue(name, out var q) ? q : allocatable;
        Quantity Request(string name) => requests is not null && requests.TryGetValue(name, out var q) ? q
            : limits is not null && limits.TryGetValue(name, out var l) ? l : Quantity.Zero;
        return selector.Resource switch
        {
            "limits.cpu" => CeilingDivide(Limit("cpu", Quantity.FromInt64(node.CpuCores)).MilliValue, divisor.MilliValue),
            "requests.cpu" => CeilingDivide(Request("cpu").MilliValue, divisor.MilliValue),
            "limits.memory" => CeilingDivide(Limit("memory", Quantity.FromBytes(node.MemoryBytes)).Value, divisor.Value),
            "requests.memory" => CeilingDivide(Request("memory").Value, divisor.Value),
            "limits.ephemeral-storage" => CeilingDivide(Limit("ephemeral-storage", Quantity.FromBytes(node.EphemeralStorageBytes)).Value, divisor.Value),
            "requests.ephemeral-storage" => CeilingDivide(Request("ephemeral-storage").Value, divisor.Value),
            _ => throw new ArgumentException($"unsupported container resource : {selector.Resource}"),
        };
    }

    /// <summary>fieldpath.FormatMap: sorted <c>key="value"</c> lines joined by newlines.</summary>
    public static string FormatMap(IReadOnlyDictionary<string, string>? map) =>
        map is null ? "" : string.Join('\n', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={GoQuote(p.Value)}"));

    /// <summary>Go's strconv.Quote for the characters labels and annotations hold.</summary>
    public static string GoQuote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\v': text.Append("\\v"); break;
                case < 0x20 or 0x7f: text.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"); break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        text.Append(rune.Value <= 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}"));
                    }
                    else
                    {
                        text.Append(rune.ToString());
                    }
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    private static string CeilingDivide(long value, long divisor)
    {
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        if (remainder > 0)
        {
            quotient += 1;
        }
        return quotient.ToString(CultureInfo.InvariantCulture);
    }

    // metadata.labels['key'] (validation allows single quotes; accept double quotes too).
    private static bool TrySubscript(string fieldPath, string prefix, out string key)
    {
        key = "";
        if (!fieldPath.StartsWith(prefix + "[", StringComparison.Ordinal) || !fieldPath.EndsWith(']'))
        {
            return false;
        }
        var inner = fieldPath[(prefix.Length + 1)..^1];
        if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
        {
            key = inner[1..^1];
            return true;
        }
        return false;
    }
}
