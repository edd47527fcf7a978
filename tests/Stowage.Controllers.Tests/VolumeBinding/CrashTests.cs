using Stowage.Api.Core;
using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Crash safety: for each bind and reclaim scenario, the controller is killed after its N-th step
/// for every N, then keeps syncing from whatever was stored. The end state must equal the end
/// state of the run without a crash, and the links between claims and volumes must stay sane at
/// every step.
/// </summary>
/// <remarks>
/// <para>Invariants checked after every step:</para>
/// <list type="number">
/// <item>no two claims that completed binding name the same volume;</item>
/// <item>a claim that completed binding names a volume whose claimRef carries its namespace, name
/// and UID (or a volume that does not exist: then the claim is Lost);</item>
/// <item>no claim names a volume whose claimRef designates a different claim;</item>
/// <item>no two volumes designate the same claim UID, and no volume designates (by UID) a claim
/// that names another volume — except in the scenarios that start in exactly that state (two
/// controllers raced, or two volumes were provisioned for one claim), which the controller must
/// only ever resolve, never create.</item>
/// </list>
/// <para>Transient states Kubernetes itself allows, and these tests therefore accept: a volume
/// whose claimRef names a claim that names no volume yet (after bind step 1; the claim's sync
/// finishes the bind); a Bound volume whose claim is still Pending, and a claim that names its
/// volume with bind-completed while its status is still Pending (between the later bind steps); a
/// Released volume whose claimRef names a deleted claim; a recycled volume without claimRef whose
/// phase is still Released (between the unbind writes).</para>
/// </remarks>
public sealed class CrashTests
{
    private const string Bbc = BinderAnnotations.BoundByController;
    private const string Bc = BinderAnnotations.BindCompleted;

    private sealed record Scenario(string Name, Func<FakeCluster> Build, bool StartsRaced = false);

    private static readonly Dictionary<string, Scenario> Scenarios = new Scenario[]
    {
        new("a claim binds a free volume", () => new FakeCluster(
            [Volume("volume", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null)])),
        new("a claim binds the smallest of several volumes created pending", () => new FakeCluster(
            [
                Volume("big", "10Gi", "", "", VolumePhase.Pending, ReclaimPolicy.Retain, ClassEmpty),
                Volume("small", "2Gi", "", "", VolumePhase.Pending, ReclaimPolicy.Retain, ClassEmpty),
            ],
            [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null)])),
        new("a claim binds the volume pre-bound to it by name", () => new FakeCluster(
            [
                Volume("reserved", "10Gi", "", "claim", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty),
                Volume("free", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty),
            ],
            [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null)])),
        new("a claim pre-bound by the user binds its volume", () => new FakeCluster(
            [Volume("volume", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim", "uid", "1Gi", "volume", ClaimPhase.Pending, null)])),
        new("two claims compete for one volume", () => new FakeCluster(
            [Volume("volume", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim-a", "uid-a", "1Gi", "", ClaimPhase.Pending, null), Claim("claim-b", "uid-b", "1Gi", "", ClaimPhase.Pending, null)])),
        new("a provisioned volume is bound", () => new FakeCluster([], [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassGold)], ProvisionClasses)),
        new("an externally provisioned volume is bound", () =>
        {
            var cluster = new FakeCluster([], [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassExternal)], ProvisionClasses);
            cluster.ExternalProvisioner = (c, _) => c.PutVolume(Volume("pvc-uid", "1Gi", "uid", "claim", VolumePhase.Pending, ReclaimPolicy.Delete, ClassExternal, Bbc));
            return cluster;
        }),
        new("a volume whose claim was deleted is recycled", () => Released(ReclaimPolicy.Recycle, Bbc)),
        new("a user pre-bound volume whose claim was deleted is recycled", () => Released(ReclaimPolicy.Recycle)),
        new("a provisioned volume whose claim was deleted is deleted", () =>
            Released(ReclaimPolicy.Delete, Bbc, BinderAnnotations.ProvisionedBy)),
        new("of two volumes bound to one claim the other is rolled back", () => new FakeCluster(
            [
                Volume("volume-1", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc),
                Volume("volume-2", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc),
            ],
            [Claim("claim", "uid", "1Gi", "volume-1", ClaimPhase.Bound, null, Bbc, Bc)]), StartsRaced: true),
        new("of two volumes provisioned for one claim the unused one is deleted", () =>
        {
            var cluster = new FakeCluster(
                [
                    Stowage("pvc-a", "uid", "claim"),
                    Stowage("pvc-b", "uid", "claim"),
                ],
                [Claim("claim", "uid", "1Gi", "pvc-b", ClaimPhase.Bound, null, Bbc, Bc)]);
            cluster.Plugins.AlwaysSucceed = true;
            return cluster;
        }, StartsRaced: true),
    }.ToDictionary(s => s.Name);

    public static TheoryData<string> Names => [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_crash_after_any_step_converges_to_the_same_end_state(string name)
    {
        var scenario = Scenarios[name];
        var baseline = scenario.Build();
        baseline.AfterEachStep = c => CheckInvariants(c, scenario.StartsRaced);
        baseline.RunUntilStable();
        string expected = baseline.Snapshot(withEvents: false);
        int steps = baseline.StepsExecuted;
        Assert.True(steps > 1, "the scenario does too little to crash in");

        for (int crashAfter = 1; crashAfter <= steps; crashAfter++)
        {
            var cluster = scenario.Build();
            cluster.CrashAfterStep = crashAfter;
            cluster.AfterEachStep = c => CheckInvariants(c, scenario.StartsRaced);
            cluster.RunUntilStable();
            Assert.True(cluster.Crashed, "no crash after step " + crashAfter);
            Assert.True(expected == cluster.Snapshot(withEvents: false),
                "after a crash at step " + crashAfter + " of " + steps + " the end state differs:\n" + cluster.Snapshot(withEvents: false)
                + "\n--- expected ---\n" + expected + "\n--- steps ---\n" + string.Join("\n", cluster.Log));
        }
    }

    [Fact]
    public void Of_two_claims_competing_for_one_volume_exactly_one_wins()
    {
        var cluster = Scenarios["two claims compete for one volume"].Build();
        cluster.RunUntilStable();
        Assert.Single(cluster.Claims, c => c.Status?.Phase == ClaimPhase.Bound);
        Assert.Equal("claim-a", ClaimKey.Of(cluster.Volume("volume")!.Spec!.ClaimRef!).Name);
    }

    private static FakeCluster Released(string policy, params string[] annotations)
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Bound, policy, ClassEmpty, annotations);
        if (annotations.Contains(BinderAnnotations.ProvisionedBy))
        {
            volume = volume.WithAnnotation(BinderAnnotations.ProvisionedBy, Provisioners.Local).WithFinalizers(BinderAnnotations.PvControllerFinalizer);
        }
        var cluster = new FakeCluster([volume], []);
        cluster.Plugins.AlwaysSucceed = true;
        return cluster;
    }

    private static PersistentVolume Stowage(string name, string claimUid, string claimName) =>
        Volume(name, "1Gi", claimUid, claimName, VolumePhase.Bound, ReclaimPolicy.Delete, ClassEmpty, Bbc)
            .WithAnnotation(BinderAnnotations.ProvisionedBy, Provisioners.Local)
            .WithFinalizers(BinderAnnotations.PvControllerFinalizer);

    private static void CheckInvariants(FakeCluster cluster, bool startsRaced)
    {
        var volumes = cluster.Volumes.ToDictionary(v => v.Metadata.Name!);
        var completed = cluster.Claims.Where(c => c.Metadata.Annotations?.ContainsKey(Bc) == true && !string.IsNullOrEmpty(c.Spec?.VolumeName)).ToList();

        var shared = completed.GroupBy(c => c.Spec!.VolumeName).FirstOrDefault(g => g.Count() > 1);
        Assert.True(shared is null, "two bound claims name volume " + shared?.Key);

        foreach (var claim in completed)
        {
            if (volumes.TryGetValue(claim.Spec!.VolumeName!, out var volume))
            {
                var claimRef = volume.Spec?.ClaimRef;
                Assert.True(claimRef is not null && claimRef.Uid == claim.Metadata.Uid && VolumeMatcher.Designates(claimRef, claim),
                    "bound claim " + claim.Metadata.Name + " names volume " + volume.Metadata.Name + " which points at " + Describe(claimRef));
            }
        }

        foreach (var claim in cluster.Claims.Where(c => !string.IsNullOrEmpty(c.Spec?.VolumeName)))
        {
            if (volumes.TryGetValue(claim.Spec!.VolumeName!, out var volume) && volume.Spec?.ClaimRef is { } claimRef)
            {
                Assert.True(VolumeMatcher.Designates(claimRef, claim),
                    "claim " + claim.Metadata.Name + " names volume " + volume.Metadata.Name + " which points at " + Describe(claimRef));
            }
        }

        if (startsRaced)
        {
            return;
        }
        var designated = volumes.Values.Where(v => !string.IsNullOrEmpty(v.Spec?.ClaimRef?.Uid)).GroupBy(v => v.Spec!.ClaimRef!.Uid).FirstOrDefault(g => g.Count() > 1);
        Assert.True(designated is null, "two volumes point at claim uid " + designated?.Key);
        foreach (var volume in volumes.Values.Where(v => !string.IsNullOrEmpty(v.Spec?.ClaimRef?.Uid)))
        {
            var claim = cluster.Claim(volume.Spec!.ClaimRef!.Name!, volume.Spec.ClaimRef.Namespace!);
            if (claim is not null && claim.Metadata.Uid == volume.Spec.ClaimRef.Uid && !string.IsNullOrEmpty(claim.Spec?.VolumeName))
            {
                Assert.True(claim.Spec.VolumeName == volume.Metadata.Name,
                    "volume " + volume.Metadata.Name + " points at claim " + claim.Metadata.Name + " which names " + claim.Spec.VolumeName);
            }
        }
    }

    private static string Describe(ObjectReference? claimRef) =>
        claimRef is null ? "nothing" : claimRef.Namespace + "/" + claimRef.Name + " (uid " + claimRef.Uid + ")";
}
