using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;
using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.IndexCases;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary><see cref="VolumeIndex"/>: maintained one volume at a time, equal to the reference scan, cheap per search.</summary>
public sealed class VolumeIndexTests
{
    private static readonly string[] Capacities = ["500Mi", "1G", "1Gi", "1024Mi", "2Gi", "5G", "5Gi", "10Gi", "100Gi", "1Ti"];
    private static readonly string[] Classes = ["", "gold", "silver"];
    private static readonly string[] Phases = [VolumePhase.Available, VolumePhase.Available, VolumePhase.Available, VolumePhase.Bound, VolumePhase.Pending, VolumePhase.Released, ""];
    private static readonly string[][] ModeSets =
    [
        [Rwo], [Rwo], [Rwo, Rox], [Rox], [Rwx], [Rwo, Rox, Rwx], [Rwo, Rwx], [AccessModeSet.ReadWriteOncePod], [Rwo, Rwo],
    ];

    [Fact]
    public void A_volume_leaves_the_candidates_when_it_gets_bound_and_returns_when_it_is_freed()
    {
        var free = Pv("v", "v", "1Gi", [Rwo]);
        var claim = Pvc("1Gi", [Rwo]);
        var index = VolumeIndex.Create([free]);
        Assert.Same(free, index.FindBestMatch(claim, false).Volume);

        var bound = free with
        {
            Spec = free.Spec! with { ClaimRef = new ObjectReference { Namespace = "other", Name = "c", Uid = "u" } },
            Status = free.Status! with { Phase = VolumePhase.Bound },
        };
        index = index.With(bound);
        Assert.Equal(1, index.Count);
        Assert.Same(bound, index.Get("v"));
        Assert.Null(index.FindBestMatch(claim, false).Volume);

        index = index.With(free);
        Assert.Same(free, index.FindBestMatch(claim, false).Volume);
        Assert.Equal(0, index.Without("v").Count);
        Assert.Same(index, index.Without("unknown"));
    }

    [Fact]
    public void An_index_is_a_snapshot_that_later_changes_do_not_touch()
    {
        var before = VolumeIndex.Create([Pv("a", "a", "1Gi", [Rwo])]);
        var after = before.With(Pv("b", "b", "1Gi", [Rwo])).Without("a");
        Assert.Equal(["a"], before.All.Select(v => v.Metadata.Name));
        Assert.Equal(["b"], after.All.Select(v => v.Metadata.Name));
    }

    [Fact]
    public void A_volume_whose_claimRef_changes_is_found_under_its_new_claim_only()
    {
        var claimA = Pvc("1Gi", [Rwo], name: "a");
        var claimB = Pvc("1Gi", [Rwo], name: "b");
        var volume = Pv("v", "v", "1Gi", [Rwo], VolumePhase.Bound, claimRef: new ObjectReference { Namespace = "myns", Name = "a" });
        var index = VolumeIndex.Create([volume]);
        Assert.NotNull(index.FindBestMatch(claimA, false).Volume);
        index = index.With(volume with { Spec = volume.Spec! with { ClaimRef = new ObjectReference { Namespace = "myns", Name = "b" } } });
        Assert.Null(index.FindBestMatch(claimA, false).Volume);
        Assert.NotNull(index.FindBestMatch(claimB, false).Volume);
    }

    [Fact]
    public void Random_volumes_and_claims_match_exactly_as_the_reference_scan_through_incremental_updates()
    {
        var random = new Random(20250102);
        var volumes = new Dictionary<string, PersistentVolume>();
        var index = VolumeIndex.Empty;
        int found = 0;
        for (int round = 0; round < 400; round++)
        {
            // Change the cluster a little, the way informer events do.
            for (int change = 0; change < 5; change++)
            {
                string name = "pv" + random.Next(150).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
                if (random.Next(6) == 0)
                {
                    volumes.Remove(name);
                    index = index.Without(name);
                }
                else
                {
                    var volume = RandomVolume(random, name);
                    volumes[name] = volume;
                    index = index.With(volume);
                }
            }
            Assert.Equal(volumes.Count, index.Count);
            for (int query = 0; query < 5; query++)
            {
                var claim = RandomClaim(random);
                bool delay = random.Next(5) == 0;
                var expected = VolumeMatcher.FindBestMatch(claim, volumes.Values, delay);
                var actual = index.FindBestMatch(claim, delay);
                found += actual.Volume is null ? 0 : 1;
                Assert.True(ReferenceEquals(expected.Volume, actual.Volume),
                    "round " + round + ": reference chose " + (expected.Volume?.Metadata.Name ?? "none") + ", index chose " + (actual.Volume?.Metadata.Name ?? "none"));
            }
        }
        // The comparison means something only if many searches find a volume.
        Assert.True(found > 500, found + " of 2000 searches found a volume");
    }

    [Fact]
    public void A_search_among_ten_thousand_volumes_allocates_almost_nothing()
    {
        var random = new Random(7);
        var volumes = new List<PersistentVolume>();
        for (int i = 0; i < 10_000; i++)
        {
            bool bound = i % 10 != 0;
            var volume = Pv("pv" + i, "pv" + i, (1 + random.Next(100)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "Gi", [Rwo],
                bound ? VolumePhase.Bound : VolumePhase.Available,
                claimRef: bound ? new ObjectReference { Namespace = "ns", Name = "claim" + i, Uid = "uid" + i } : null);
            volumes.Add(volume);
        }
        var index = VolumeIndex.Create(volumes);
        var claim = Pvc("50Gi", [Rwo]);
        var expected = VolumeMatcher.FindBestMatch(claim, volumes, false).Volume;
        Assert.NotNull(expected);
        Assert.Same(expected, index.FindBestMatch(claim, false).Volume);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            _ = index.FindBestMatch(claim, false);
        }
        long perSearch = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        long scanBefore = GC.GetAllocatedBytesForCurrentThread();
        _ = VolumeMatcher.FindBestMatch(claim, volumes, false);
        long perScan = GC.GetAllocatedBytesForCurrentThread() - scanBefore;

        // The reference scan allocates per volume; the index a constant amount.
        Assert.True(perSearch < 2_048, "an indexed search allocated " + perSearch + " bytes");
        Assert.True(perScan > 100 * perSearch, "the scan allocated " + perScan + " bytes, the index " + perSearch);
    }

    private static PersistentVolume RandomVolume(Random random, string name)
    {
        ObjectReference? claimRef = random.Next(5) switch
        {
            0 => new ObjectReference { Namespace = "myns", Name = "claim0" + random.Next(3) },
            1 => new ObjectReference { Namespace = "myns", Name = "claim0" + random.Next(3), Uid = "uid" + random.Next(3) },
            2 => new ObjectReference { Namespace = "other", Name = "x", Uid = "u" },
            _ => null,
        };
        var volume = Pv(name, name, Capacities[random.Next(Capacities.Length)], ModeSets[random.Next(ModeSets.Length)],
            Phases[random.Next(Phases.Length)], Classes[random.Next(Classes.Length)],
            random.Next(3) == 0 ? new() { ["disk"] = random.Next(2) == 0 ? "ssd" : "hdd" } : null,
            claimRef, random.Next(8) == 0 ? "Block" : random.Next(8) == 0 ? null : "Filesystem");
        if (random.Next(10) == 0)
        {
            volume = volume with { Metadata = volume.Metadata with { DeletionTimestamp = Upstream.Now } };
        }
        if (random.Next(10) == 0)
        {
            volume = volume with { Spec = volume.Spec! with { VolumeAttributesClassName = "fast" } };
        }
        if (random.Next(12) == 0)
        {
            volume = volume with { Metadata = volume.Metadata with { Annotations = new Dictionary<string, string> { [BinderAnnotations.BetaStorageClass] = "gold" } } };
        }
        return volume;
    }

    private static PersistentVolumeClaim RandomClaim(Random random)
    {
        var claim = Pvc(Capacities[random.Next(Capacities.Length)], ModeSets[random.Next(ModeSets.Length)],
            random.Next(4) == 0 ? null : Classes[random.Next(Classes.Length)],
            random.Next(4) == 0 ? new() { ["disk"] = "ssd" } : null,
            "claim0" + random.Next(3),
            random.Next(8) == 0 ? "Block" : "Filesystem");
        claim = claim with { Metadata = claim.Metadata with { Uid = "uid" + random.Next(3) } };
        if (random.Next(8) == 0)
        {
            claim = claim with { Spec = claim.Spec! with { VolumeAttributesClassName = "fast" } };
        }
        if (random.Next(8) == 0)
        {
            claim = claim with { Spec = claim.Spec! with { Selector = new LabelSelector() } };
        }
        return claim;
    }
}
