using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>The shape of the plans themselves: the bind and unbind write sequences (pv-semantics §3.5, §3.7).</summary>
public sealed class BindPlanTests
{
    [Fact]
    public void Binding_writes_volume_spec_then_volume_status_then_claim_spec_then_claim_status()
    {
        var volume = Volume("volume", "10Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty);
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null) with { Metadata = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null).Metadata with { ResourceVersion = "42" } };
        var plan = ClaimSync.Plan(claim, BindingView.Create([volume], [claim]), Now);

        Assert.Null(plan.Error);
        Assert.Collection(plan.Steps,
            step =>
            {
                var written = Assert.IsType<SyncStep.WriteVolume>(step).Volume;
                var claimRef = written.Spec!.ClaimRef!;
                Assert.Equal(("PersistentVolumeClaim", "v1", "default", "claim", "uid", "42"),
                    (claimRef.Kind, claimRef.ApiVersion, claimRef.Namespace, claimRef.Name, claimRef.Uid, claimRef.ResourceVersion));
                Assert.Equal("yes", written.Metadata.Annotations![BinderAnnotations.BoundByController]);
                Assert.Equal("1", written.Metadata.ResourceVersion);
            },
            step =>
            {
                var written = Assert.IsType<SyncStep.WriteVolumeStatus>(step).Volume;
                Assert.Equal(VolumePhase.Bound, written.Status!.Phase);
                Assert.Null(written.Status.Message);
                Assert.Equal(Now, written.Status.LastPhaseTransitionTime);
                // The second write of the same object carries the version the plan started from.
                Assert.Equal("1", written.Metadata.ResourceVersion);
            },
            step =>
            {
                var written = Assert.IsType<SyncStep.WriteClaim>(step).Claim;
                Assert.Equal("volume", written.Spec!.VolumeName);
                Assert.Equal("yes", written.Metadata.Annotations![BinderAnnotations.BoundByController]);
                Assert.Equal("yes", written.Metadata.Annotations![BinderAnnotations.BindCompleted]);
            },
            step =>
            {
                var written = Assert.IsType<SyncStep.WriteClaimStatus>(step).Claim;
                Assert.Equal(ClaimPhase.Bound, written.Status!.Phase);
                Assert.Equal([AccessModeSet.ReadWriteOnce, AccessModeSet.ReadOnlyMany], written.Status.AccessModes!);
                Assert.Equal("10Gi", written.Status.Capacity!["storage"].ToString());
            });
    }

    [Fact]
    public void A_finished_bind_plans_nothing()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, BinderAnnotations.BoundByController);
        var claim = Claim("claim", "uid", "1Gi", "volume", ClaimPhase.Bound, null, BinderAnnotations.BoundByController, BinderAnnotations.BindCompleted);
        var view = BindingView.Create([volume], [claim]);
        Assert.Same(SyncPlan.Nothing, ClaimSync.Plan(claim, view, Now));
        Assert.Same(SyncPlan.Nothing, VolumeSync.Plan(volume, view, Now));
    }

    [Fact]
    public void Unbinding_a_controller_bound_volume_drops_claimRef_and_annotation_then_makes_it_available()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, BinderAnnotations.BoundByController);
        var claim = Claim("claim", "uid", "1Gi", "elsewhere", ClaimPhase.Bound, null, BinderAnnotations.BindCompleted);
        var plan = VolumeSync.Plan(volume, BindingView.Create([volume], [claim]), Now);
        Assert.Collection(plan.Steps,
            step =>
            {
                var written = Assert.IsType<SyncStep.WriteVolume>(step).Volume;
                Assert.Null(written.Spec!.ClaimRef);
                Assert.Null(written.Metadata.Annotations);
            },
            step => Assert.Equal(VolumePhase.Available, Assert.IsType<SyncStep.WriteVolumeStatus>(step).Volume.Status!.Phase));
    }

    [Fact]
    public void A_half_bound_volume_enqueues_its_claim()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty, BinderAnnotations.BoundByController);
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null);
        var plan = VolumeSync.Plan(volume, BindingView.Create([volume], [claim]), Now);
        Assert.Equal(QueueKey.Claim(new ClaimKey("default", "claim")), Assert.IsType<SyncStep.Enqueue>(Assert.Single(plan.Steps)).Key);
    }

    [Fact]
    public void Releasing_a_volume_first_asks_the_api_server_whether_the_claim_is_really_gone()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Delete, ClassEmpty);
        var plan = VolumeSync.Plan(volume, BindingView.Create([volume], []), Now);
        Assert.Collection(plan.Steps,
            step => Assert.Equal(new SyncStep.VerifyClaimAbsent("default", "claim", "uid"), step),
            step => Assert.Equal(VolumePhase.Released, Assert.IsType<SyncStep.WriteVolumeStatus>(step).Volume.Status!.Phase),
            step => Assert.Equal(ReclaimPolicy.Delete, Assert.IsType<SyncStep.Reclaim>(step).Policy));

        // A volume already Released is reclaimed without asking again.
        var released = volume with { Status = volume.Status! with { Phase = VolumePhase.Released } };
        Assert.IsType<SyncStep.Reclaim>(Assert.Single(VolumeSync.Plan(released, BindingView.Create([released], []), Now).Steps));
    }

    [Fact]
    public void Plans_describe_themselves_one_step_per_line()
    {
        var volume = Volume("volume", "1Gi", "", "", VolumePhase.Pending, ReclaimPolicy.Retain, ClassEmpty);
        Assert.Equal("write volume status volume phase=Available", VolumeSync.Plan(volume, BindingView.Create([volume], []), Now).ToString());
        Assert.Equal("(nothing)", SyncPlan.Nothing.ToString());
    }
}
