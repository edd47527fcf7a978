using Stowage.Api.Core;
using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary><see cref="BindingView"/>'s claims-without-volume index and the volumes designating a claim.</summary>
public sealed class BindingViewTests
{
    [Fact]
    public void Claims_without_a_volume_are_listed_by_class_in_name_order()
    {
        var view = BindingView.Create([], [
            Claim("b", "ub", "1Gi", "", ClaimPhase.Pending, ClassGold),
            Claim("a", "ua", "1Gi", "", ClaimPhase.Pending, ClassGold),
            Claim("c", "uc", "1Gi", "", ClaimPhase.Pending, null),
            Claim("d", "ud", "1Gi", "volume", ClaimPhase.Bound, ClassGold),
        ]);
        Assert.Equal(["a", "b"], view.ClaimsWithoutVolume(ClassGold).Select(c => c.Metadata.Name));
        Assert.Equal(["c"], view.ClaimsWithoutVolume(ClassEmpty).Select(c => c.Metadata.Name));
        Assert.Empty(view.ClaimsWithoutVolume(ClassSilver));
    }

    [Fact]
    public void A_claim_leaves_the_index_when_it_names_a_volume_changes_class_or_goes()
    {
        var pending = Claim("a", "ua", "1Gi", "", ClaimPhase.Pending, null);
        var view = BindingView.Create([], [pending]);

        var defaulted = pending with { Spec = pending.Spec! with { StorageClassName = ClassGold } };
        view = view.WithClaim(defaulted);
        Assert.Empty(view.ClaimsWithoutVolume(ClassEmpty));
        Assert.Same(defaulted, Assert.Single(view.ClaimsWithoutVolume(ClassGold)));

        var bound = defaulted with { Spec = defaulted.Spec! with { VolumeName = "volume" } };
        var boundView = view.WithClaim(bound);
        Assert.Empty(boundView.ClaimsWithoutVolume(ClassGold));
        Assert.Same(bound, boundView.GetClaim(ClaimKey.Of(bound)));

        Assert.Empty(view.WithoutClaim(ClaimKey.Of(defaulted)).ClaimsWithoutVolume(ClassGold));
        Assert.Same(defaulted, Assert.Single(view.ClaimsWithoutVolume(ClassGold))); // the older view is untouched
    }

    [Fact]
    public void The_volumes_designating_a_claim_are_found_by_its_key()
    {
        var view = BindingView.Create([
            Volume("v2", "1Gi", "ua", "a", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty),
            Volume("v1", "1Gi", "", "a", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty),
            Volume("v3", "1Gi", "ub", "b", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty),
            Volume("v4", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty),
        ], []);
        Assert.Equal(["v1", "v2"], view.Volumes.NamesDesignating(new ClaimKey(Upstream.Namespace, "a")));
        Assert.Empty(view.Volumes.NamesDesignating(new ClaimKey(Upstream.Namespace, "c")));
        Assert.Empty(view.WithoutVolume("v3").Volumes.NamesDesignating(new ClaimKey(Upstream.Namespace, "b")));
    }
}
