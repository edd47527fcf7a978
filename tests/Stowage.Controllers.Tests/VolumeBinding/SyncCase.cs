using Stowage.Api.Core;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>Which sync a single-sync case runs (Kubernetes' <c>testSyncClaim</c> / <c>testSyncVolume</c>).</summary>
internal enum SyncTarget
{
    /// <summary>Sync the first initial claim once.</summary>
    Claim,

    /// <summary>Sync the first initial volume once.</summary>
    Volume,

    /// <summary>Sync everything until nothing changes (<c>runMultisyncTests</c>).</summary>
    All,
}

/// <summary>One ported <c>controllerTest</c>: initial objects, the sync to run, expected objects, events and error.</summary>
internal sealed record SyncCase(
    string Name,
    PersistentVolume[] InitialVolumes,
    PersistentVolume[] ExpectedVolumes,
    PersistentVolumeClaim[] InitialClaims,
    PersistentVolumeClaim[] ExpectedClaims,
    string[] ExpectedEvents,
    SyncTarget Target)
{
    public string? ExpectedError { get; init; }

    public StorageClass[] Classes { get; init; } = [];

    public PodClaimUse[] Pods { get; init; } = [];

    /// <summary>Extra setup of the cluster (stale caches, plugins, hooks).</summary>
    public Action<FakeCluster>? Arrange { get; init; }

    public static readonly PersistentVolume[] NoVolumes = [];
    public static readonly PersistentVolumeClaim[] NoClaims = [];
    public static readonly string[] NoEvents = [];

    /// <summary>Runs the case against a fresh fake cluster and checks the outcome.</summary>
    public FakeCluster Run()
    {
        var cluster = new FakeCluster(InitialVolumes, InitialClaims, Classes, Pods);
        Arrange?.Invoke(cluster);
        switch (Target)
        {
            case SyncTarget.Claim:
                cluster.SyncClaim(InitialClaims[0].Metadata.Name!, InitialClaims[0].Metadata.Namespace!);
                break;
            case SyncTarget.Volume:
                cluster.SyncVolume(InitialVolumes[0].Metadata.Name!);
                break;
            default:
                cluster.RunUntilStable();
                break;
        }
        Expect.State(cluster, ExpectedVolumes, ExpectedClaims);
        Expect.Events(cluster, ExpectedEvents);
        if (ExpectedError is null)
        {
            Assert.Empty(cluster.Errors);
        }
        else
        {
            Assert.Contains(ExpectedError, cluster.Errors);
        }
        return cluster;
    }

    public override string ToString() => Name;
}
