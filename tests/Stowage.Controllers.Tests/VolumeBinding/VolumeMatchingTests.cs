using Stowage.Api.Core;
using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.IndexCases;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Kubernetes' <c>index_test.go</c>. Every search runs twice — through
/// <see cref="VolumeMatcher.FindBestMatch"/> (the reference, a list scan) and through
/// <see cref="VolumeIndex"/> — and both must give Kubernetes' answer.
/// </summary>
public sealed class VolumeMatchingTests
{
    private static PersistentVolume? Match(IReadOnlyList<PersistentVolume> volumes, PersistentVolumeClaim claim, bool delayBinding = false)
    {
        var reference = VolumeMatcher.FindBestMatch(claim, Dedupe(volumes), delayBinding);
        var indexed = VolumeIndex.Create(volumes).FindBestMatch(claim, delayBinding);
        Assert.Null(reference.Error);
        Assert.Null(indexed.Error);
        Assert.Same(reference.Volume, indexed.Volume);
        return indexed.Volume;
    }

    // Both keep the last volume of a name, like Kubernetes' store.
    private static IEnumerable<PersistentVolume> Dedupe(IEnumerable<PersistentVolume> volumes) =>
        volumes.GroupBy(v => v.Metadata.Name).Select(g => g.Last());

    public static TheoryData<string, string, string[]?, string?, string?> MatchVolumeScenarios => new()
    {
        { "successful-match-gce-10", "8G", null, null, "gce-pd-10" },
        { "successful-match-nfs-5", "5G", [Rox, Rwo, Rwx], null, "nfs-5" },
        { "successful-skip-1g-bound-volume", "1G", null, null, "gce-pd-5" },
        { "successful-no-match", "999G", null, null, null },
        { "successful-match-very-large", "1E", [Rwo], ClassLarge, "local-pd-very-large" },
        { "successful-match-exact-extremely-large", "800E", [Rwo], ClassLarge, "local-pd-extremely-large" },
        { "successful-no-match-way-too-large", "950E", [Rwo], ClassLarge, null },
        { "successful-match-with-class-and-labels", "1G", [Rwo], ClassSilver, "gce-pd-silver2" },
    };

    [Theory]
    [MemberData(nameof(MatchVolumeScenarios))]
    public void TestMatchVolume_scenarios_pick_the_volume_Kubernetes_picks(string scenario, string size, string[]? modes, string? @class, string? expected)
    {
        var volume = Match(TestVolumes(), Pvc(size, modes, @class));
        Assert.True(expected == volume?.Metadata.Uid, scenario + ": expected " + (expected ?? "no match") + ", got " + (volume?.Metadata.Uid ?? "no match"));
    }

    [Fact]
    public void TestMatchVolume_label_scenarios_pick_the_volume_Kubernetes_picks()
    {
        Assert.Null(Match(TestVolumes(), Pvc("999G", selector: new() { ["should-not-exist"] = "true" })));
        Assert.Null(Match(TestVolumes(), Pvc("20000G", [Rox, Rwo], selector: new() { ["should-exist"] = "true" })));
        Assert.Equal("gce-pd-2", Match(TestVolumes(), Pvc("20000G", [Rwo], selector: new() { ["should-exist"] = "true" }))?.Metadata.Uid);
        Assert.Equal("gce-pd-silver1", Match(TestVolumes(), Pvc("1G", [Rwo], ClassSilver, new() { ["should-exist"] = "true" }))?.Metadata.Uid);
    }

    [Fact]
    public void TestMatchingWithBoundVolumes_a_bound_volume_is_skipped_for_its_free_twin()
    {
        PersistentVolume[] volumes =
        [
            Pv("gce-pd-1", "gce001", "1G", [Rwo, Rox], VolumePhase.Bound, claimRef: new ObjectReference { Uid = "abc123" }),
            Pv("gce-pd-2", "gce002", "1G", [Rwo, Rox]),
        ];
        Assert.Equal("gce002", Match(volumes, Pvc("1G"))?.Metadata.Name);
    }

    [Fact]
    public void TestAllPossibleAccessModes_groups_containing_the_requested_modes_are_visited_fewest_modes_first()
    {
        var keys = TestVolumes().Select(v => AccessModeSet.FromVolume(v.Spec!.AccessModes)).Distinct().ToList();
        var rwo = Requested(Rwo);
        Assert.Equal(3, keys.Count(k => k.ContainsAll(rwo)));
        Assert.Single(keys, k => k.ContainsAll(Requested(Rwx)));
        var order = AccessModeSet.GroupVisitOrder.Select(m => new AccessModeSet(m)).Where(keys.Contains).Where(k => k.ContainsAll(rwo)).Select(k => k.ToString());
        Assert.Equal(["RWO", "RWO,ROX", "RWO,ROX,RWX"], order);
    }

    [Fact]
    public void TestFindingVolumeWithDifferentAccessModes_follows_the_mode_groups()
    {
        var gce = Pv("001", "gce", "10G", [Rwo, Rox]);
        var ebs = Pv("002", "ebs", "10G", [Rwo]);
        var nfs = Pv("003", "nfs", "10G", [Rwo, Rox, Rwx]);
        Assert.Equal("ebs", Match([gce, ebs, nfs], Pvc("1G", [Rwo]))?.Metadata.Name);
        Assert.Equal("gce", Match([gce, ebs, nfs], Pvc("1G", [Rwo, Rox]))?.Metadata.Name);
        Assert.Equal("nfs", Match([gce, ebs, nfs], Pvc("1G", [Rwx, Rwo, Rox]))?.Metadata.Name);
        Assert.Equal("nfs", Match([gce, ebs, nfs], Pvc("1G", [Rwx]))?.Metadata.Name);

        // The exact match is bound: the next level up of modes.
        var boundEbs = ebs with { Spec = ebs.Spec! with { ClaimRef = new ObjectReference() } };
        Assert.Equal("gce", Match([gce, boundEbs, nfs], Pvc("1G", [Rwo]))?.Metadata.Name);
        var boundGce = gce with { Spec = gce.Spec! with { ClaimRef = new ObjectReference() } };
        Assert.Equal("nfs", Match([boundGce, boundEbs, nfs], Pvc("1G", [Rwo]))?.Metadata.Name);
        Assert.Equal("gce", Match([gce, boundEbs, nfs], Pvc("1G", [Rox]))?.Metadata.Name);
    }

    [Fact]
    public void TestFindingPreboundVolumes_a_volume_pre_bound_to_the_claim_wins_only_when_it_fits()
    {
        var claim = Pvc("1Gi", [Rwo]);
        var claimRef = new ObjectReference { Kind = "PersistentVolumeClaim", ApiVersion = "v1", Namespace = "myns", Name = "claim01" };
        var pv1 = TestVolume("pv1", "1Gi");
        var pv5 = TestVolume("pv5", "5Gi");
        var pv8 = TestVolume("pv8", "8Gi");
        var badSize = TestVolume("pvBadSize", "1Mi");
        var badMode = TestVolume("pvBadMode", "1Gi") with { Spec = TestVolume("pvBadMode", "1Gi").Spec! with { AccessModes = [Rox] } };
        static PersistentVolume Ref(PersistentVolume v, ObjectReference? r) => v with { Spec = v.Spec! with { ClaimRef = r } };

        Assert.Equal("pv1", Match([pv1, pv5, pv8, badSize, badMode], claim)?.Metadata.Name);
        Assert.Equal("pv5", Match([Ref(pv1, new ObjectReference { Name = "foo", Namespace = "bar" }), pv5, pv8, badSize, badMode], claim)?.Metadata.Name);
        Assert.Equal("pv8", Match([pv1, pv5, Ref(pv8, claimRef), badSize, badMode], claim)?.Metadata.Name);
        Assert.Equal("pv1", Match([pv1, pv5, pv8, Ref(badSize, claimRef), badMode], claim)?.Metadata.Name);
        Assert.Equal("pv1", Match([pv1, pv5, pv8, badSize, Ref(badMode, claimRef)], claim)?.Metadata.Name);
    }

    [Fact]
    public void TestBestMatchDelayed_the_controller_binds_no_unreserved_volume_when_binding_waits_for_a_consumer()
    {
        Assert.Null(Match(TestVolumes(), Pvc("8G"), delayBinding: true));
    }

    [Fact]
    public void A_pre_bound_volume_is_still_bound_when_binding_waits_for_a_consumer()
    {
        Assert.Equal("affinity-prebound", Match(TestVolumes()[..16], Pvc("100G", [Rwo], ClassWait, name: "claim02"), delayBinding: true)?.Metadata.Uid);
    }

    [Fact]
    public void A_pre_bound_volume_in_a_group_with_more_modes_loses_to_a_free_volume_in_an_earlier_group()
    {
        var claimRef = new ObjectReference { Namespace = "myns", Name = "claim01" };
        var preBound = Pv("pre", "pre", "1G", [Rwo, Rox], claimRef: claimRef);
        var free = Pv("free", "free", "5G", [Rwo]);
        Assert.Equal("free", Match([preBound, free], Pvc("1G", [Rwo]))?.Metadata.Name);
    }

    [Fact]
    public void Volumes_of_equal_capacity_are_taken_in_name_order()
    {
        Assert.Equal("a", Match([TestVolume("c", "1Gi"), TestVolume("a", "1Gi"), TestVolume("b", "1Gi")], Pvc("1Gi", [Rwo]))?.Metadata.Name);
        // 1Gi and 1024Mi are the same size.
        Assert.Equal("a", Match([TestVolume("b", "1Gi"), TestVolume("a", "1024Mi")], Pvc("1G", [Rwo]))?.Metadata.Name);
    }

    [Theory]
    [InlineData("Block", "Filesystem", true)]
    [InlineData("Filesystem", "Block", true)]
    [InlineData("Block", "Block", false)]
    [InlineData("Filesystem", "Filesystem", false)]
    [InlineData("Filesystem", null, false)]
    [InlineData(null, "Filesystem", false)]
    [InlineData(null, null, false)]
    [InlineData(null, "Block", true)]
    [InlineData("Block", null, true)]
    public void TestVolumeModeCheck_nil_means_filesystem(string? claimMode, string? volumeMode, bool mismatch)
    {
        var volume = Pv("local-1", "block", "10G", [Rwo], volumeMode: volumeMode);
        var claim = Pvc("8G", [Rwo], volumeMode: claimMode);
        Assert.Equal(mismatch, VolumeMatcher.VolumeModesMismatch(claim, volume));
        Assert.Equal(!mismatch, Match([volume], claim) is not null);
    }

    [Fact]
    public void TestStorageObjectInUseProtectionFiltering_a_volume_being_deleted_is_neither_matched_nor_accepted()
    {
        var volume = Pv("pv1", "pv1", "1G", [Rwo]);
        var deleting = volume with { Metadata = volume.Metadata with { DeletionTimestamp = Upstream.Now } };
        var claim = Pvc("1G", [Rwo], name: "pvc1");
        Assert.Null(VolumeMatcher.CheckVolumeSatisfyClaim(volume, claim));
        Assert.Equal("the volume is marked for deletion \"pv1\"", VolumeMatcher.CheckVolumeSatisfyClaim(deleting, claim));
        Assert.NotNull(Match([volume], claim));
        Assert.Null(Match([deleting], claim));
    }

    [Theory]
    [InlineData(new[] { Rwx }, true)]
    [InlineData(new[] { Rwx, Rwo }, true)]
    [InlineData(new[] { Rox }, false)]
    [InlineData(new[] { Rwx, Rox }, false)]
    public void TestCheckAccessModes_every_requested_mode_must_be_offered(string[] requested, bool ok)
    {
        var volume = Pv("v", "v", "100G", [Rwo, Rwx]);
        Assert.Equal(ok, VolumeMatcher.CheckAccessModes(Pvc("100G", requested), volume));
    }

    [Fact]
    public void A_claim_asking_for_an_unknown_access_mode_matches_nothing()
    {
        Assert.Null(Match([TestVolume("v", "1Gi")], Pvc("1Gi", [Rwo, "ReadSometimes"])));
    }

    [Fact]
    public void ReadWriteOncePod_claims_match_only_ReadWriteOncePod_volumes()
    {
        var rwop = Pv("rwop", "rwop", "1Gi", [AccessModeSet.ReadWriteOncePod]);
        var rwo = Pv("rwo", "rwo", "1Gi", [Rwo]);
        Assert.Equal("rwop", Match([rwop, rwo], Pvc("1Gi", [AccessModeSet.ReadWriteOncePod]))?.Metadata.Name);
        Assert.Equal("rwo", Match([rwop, rwo], Pvc("1Gi", [Rwo]))?.Metadata.Name);
    }

    [Fact]
    public void An_invalid_selector_is_an_error_not_a_match()
    {
        var claim = Pvc("1Gi", [Rwo]) with
        {
            Spec = Pvc("1Gi", [Rwo]).Spec! with
            {
                Selector = new Api.Selectors.LabelSelector { MatchExpressions = [new Api.Selectors.LabelSelectorRequirement { Key = "k", Operator = "Near" }] },
            },
        };
        var result = VolumeIndex.Create([TestVolume("v", "1Gi")]).FindBestMatch(claim, false);
        Assert.Null(result.Volume);
        Assert.StartsWith("error creating internal label selector for claim: myns/claim01: ", result.Error);
    }

    private static AccessModeSet Requested(params string[] modes)
    {
        Assert.True(AccessModeSet.TryFromClaim(modes, out var set));
        return set;
    }
}
