using Stowage.Api.Core;
using Stowage.Runtime.Client;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// The end state a user would check: every claim of a set Bound to a volume of its own, and each of
/// those volumes Bound with a claimRef naming that claim (namespace, name and UID).
/// </summary>
internal static class BindingVerification
{
    /// <summary>Problems found (empty when all is well) and the number of distinct volumes used.</summary>
    public static async Task<(IReadOnlyList<string> Problems, int DistinctVolumes)> CheckAsync(ApiClient client, string claimPrefix, int expected, CancellationToken cancellationToken)
    {
        var claims = (await client.ListAsync(ResourceTypes.PersistentVolumeClaims, BindingWorkload.Namespace, cancellationToken)).Items
            .Where(c => c.Metadata.Name!.StartsWith(claimPrefix + "-", StringComparison.Ordinal))
            .ToList();
        var volumes = (await client.ListAsync(ResourceTypes.PersistentVolumes, null, cancellationToken)).Items.ToDictionary(v => v.Metadata.Name!, StringComparer.Ordinal);
        var problems = new List<string>();
        if (claims.Count != expected)
        {
            problems.Add($"{claims.Count} claims named {claimPrefix}-*, expected {expected}");
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            var name = claim.Metadata.Name;
            var volumeName = claim.Spec?.VolumeName;
            if (claim.Status?.Phase != "Bound" || string.IsNullOrEmpty(volumeName))
            {
                problems.Add($"claim {name}: phase {claim.Status?.Phase ?? "<none>"}, volumeName {volumeName ?? "<none>"}");
                continue;
            }
            if (!used.Add(volumeName))
            {
                problems.Add($"claim {name}: volume {volumeName} is used by another claim too");
            }
            if (!volumes.TryGetValue(volumeName, out var volume))
            {
                problems.Add($"claim {name}: volume {volumeName} does not exist");
                continue;
            }
            var claimRef = volume.Spec?.ClaimRef;
            if (claimRef?.Namespace != claim.Metadata.Namespace || claimRef?.Name != name || claimRef?.Uid != claim.Metadata.Uid)
            {
                problems.Add($"volume {volumeName}: claimRef {claimRef?.Namespace}/{claimRef?.Name} ({claimRef?.Uid}) does not point back at claim {name} ({claim.Metadata.Uid})");
            }
            if (volume.Status?.Phase != "Bound")
            {
                problems.Add($"volume {volumeName}: phase {volume.Status?.Phase ?? "<none>"}");
            }
        }
        return (problems, used.Count);
    }
}
