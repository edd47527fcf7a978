using Stowage.Api.Quantities;

namespace Stowage.Api.Core;

/// <summary>
/// A pod's quality-of-service class (Kubernetes' qos.GetPodQOS), fixed when the pod is created:
/// Guaranteed when every container limits cpu and memory and requests equal limits, BestEffort when
/// nothing requests or limits cpu or memory, Burstable otherwise. Only cpu and memory count, and
/// only positive quantities; init containers count, ephemeral ones do not.
/// </summary>
public static class PodQos
{
    /// <summary>The class of a pod.</summary>
    public static string Compute(PodSpec? spec)
    {
        var requests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []))
        {
            Sum(container.Resources?.Requests, requests);
            var found = Sum(container.Resources?.Limits, limits);
            if (!found.Contains("cpu") || !found.Contains("memory"))
            {
                guaranteed = false;
            }
        }
        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }
        if (guaranteed && requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit.CompareTo(r.Value) == 0) && requests.Count == limits.Count)
        {
            return "Guaranteed";
        }
        return "Burstable";
    }

    // Adds the positive cpu and memory quantities into totals; returns the names that counted.
    private static HashSet<string> Sum(IReadOnlyDictionary<string, Quantity>? resources, Dictionary<string, Quantity> totals)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, quantity) in resources ?? new Dictionary<string, Quantity>())
        {
            if (name is not ("cpu" or "memory") || quantity.Sign <= 0)
            {
                continue;
            }
            found.Add(name);
            totals[name] = totals.TryGetValue(name, out var sum) ? sum + quantity : quantity;
        }
        return found;
    }
}
