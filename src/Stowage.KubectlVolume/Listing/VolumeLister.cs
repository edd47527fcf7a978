using System.Text.Json.Nodes;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.Listing;

/// <summary>
/// The listing of <c>kubectl volume TYPE/NAME</c>, as oc prints it (listVolumeForSpec):
/// <code>
/// deployments/docker-registry
///   pvc/docker-registry-claim (allocated 3GiB) as registry-storage
///     mounted at /registry
/// </code>
/// Pure: the claims the volumes name are read beforehand and passed in.
/// </summary>
internal static class VolumeLister
{
    /// <summary>The claim names the volumes of <paramref name="spec"/> refer to.</summary>
    public static IEnumerable<string> ClaimNames(JsonObject spec) =>
        Json.Objects(spec["volumes"]).Select(v => Json.Str(Json.Path(v, "persistentVolumeClaim")?["claimName"])).OfType<string>().Distinct();

    /// <summary>Writes the listing of one object; returns oc's error text when <paramref name="name"/> names no volume.</summary>
    /// <param name="output">Where the listing goes.</param>
    /// <param name="errors">Where warnings and claim read errors go.</param>
    /// <param name="objectLabel">The header, e.g. <c>deployments/docker-registry</c>.</param>
    /// <param name="spec">The pod spec.</param>
    /// <param name="name">Only this volume, when given.</param>
    /// <param name="containers">The <c>--containers</c> selector: mounts of other containers are not shown.</param>
    /// <param name="claims">The claims by name, as read.</param>
    public static string? Write(TextWriter output, TextWriter errors, string objectLabel, JsonObject spec, string? name, string containers,
        IReadOnlyDictionary<string, ClaimState> claims)
    {
        var (selected, _) = ContainerSelector.Select(spec, containers);
        if (selected.Count == 0 && containers != ContainerSelector.All)
        {
            errors.WriteLine($"warning: {objectLabel} does not have any containers matching \"{containers}\"");
            return null;
        }
        output.WriteLine(objectLabel);
        var single = Json.Objects(spec["containers"]).Count() == 1;
        var found = false;
        foreach (var volume in Json.Objects(spec["volumes"]))
        {
            var volumeName = Json.Str(volume["name"]) ?? "";
            if (!string.IsNullOrEmpty(name) && volumeName != name)
            {
                continue;
            }
            found = true;
            var refInfo = "";
            if (Json.Str(Json.Path(volume, "persistentVolumeClaim")?["claimName"]) is { } claimName && claims.TryGetValue(claimName, out var state))
            {
                if (state.Claim is not null)
                {
                    refInfo = $" ({VolumeDescriber.DescribeClaim(state.Claim)})";
                }
                else if (state.Error is null)
                {
                    refInfo = " (does not exist)";
                }
                else
                {
                    errors.WriteLine($"error: unable to retrieve persistent volume claim {claimName} referenced in {objectLabel}: {state.Error}");
                }
            }
            output.WriteLine($"  {VolumeDescriber.DescribeSource(volume)}{refInfo} as {volumeName}");
            foreach (var c in selected)
            {
                foreach (var m in Json.Objects(c["volumeMounts"]).Where(m => Json.Str(m["name"]) == volumeName))
                {
                    output.WriteLine(single
                        ? $"    mounted at {Json.Str(m["mountPath"])}"
                        : $"    mounted at {Json.Str(m["mountPath"])} in container {Json.Str(c["name"])}");
                }
            }
        }
        return !string.IsNullOrEmpty(name) && !found ? $"volume \"{name}\" not found" : null;
    }
}
