using Stowage.Api.Core;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>Assertions on a fake cluster's end state, in the spirit of Kubernetes' <c>evaluateTestResults</c>.</summary>
internal static class Expect
{
    /// <summary>The stored volumes and claims equal the expected ones, ignoring resourceVersions and transition times.</summary>
    public static void State(FakeCluster cluster, IEnumerable<PersistentVolume> volumes, IEnumerable<PersistentVolumeClaim> claims)
    {
        Assert.Equal(
            Lines(volumes.OrderBy(v => v.Metadata.Name, StringComparer.Ordinal).Select(Canonical.Comparable)),
            Lines(cluster.Volumes.Select(Canonical.Comparable)));
        Assert.Equal(
            Lines(claims.OrderBy(c => c.Metadata.Namespace + "/" + c.Metadata.Name, StringComparer.Ordinal).Select(Canonical.Comparable)),
            Lines(cluster.Claims.Select(Canonical.Comparable)));
    }

    /// <summary>
    /// The distinct events, in order, each starting with the expected text (<c>"Type Reason"</c> or
    /// <c>"Type Reason Message"</c>) — and no others.
    /// </summary>
    public static void Events(FakeCluster cluster, IReadOnlyList<string> expected)
    {
        var actual = cluster.Events.Select(e => e.ToString()).ToList();
        bool matches = actual.Count == expected.Count && expected.Zip(actual).All(p => p.Second.StartsWith(p.First, StringComparison.Ordinal));
        Assert.True(matches, "expected events:\n  " + string.Join("\n  ", expected) + "\nactual events:\n  " + string.Join("\n  ", actual));
    }

    private static string Lines(IEnumerable<string> items) => string.Join("\n", items);
}
