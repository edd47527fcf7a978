using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>Reclaim: the ported recycle and delete cases, and <see cref="ReclaimDecisions"/> on its own.</summary>
public sealed class ReclaimTests
{
    private static readonly Dictionary<string, SyncCase> Cases = ReclaimCases.All.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Reclaim_ends_in_the_state_Kubernetes_expects(string name) => Cases[name].Run();

    [Fact]
    public void A_volume_still_in_use_by_the_deleter_gets_a_normal_event_and_keeps_its_phase()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Released, ReclaimPolicy.Delete, ClassEmpty);
        var plan = ReclaimDecisions.AfterDelete(volume, DeleteOutcome.InUse("volume is still attached"), Now);
        var step = Assert.IsType<SyncStep.Event>(Assert.Single(plan.Steps));
        Assert.Equal(("Normal", "VolumeDelete", "volume is still attached"), (step.Type, step.Reason, step.Message));
    }

    [Fact]
    public void A_failure_of_a_volume_that_already_failed_writes_nothing()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Failed, ReclaimPolicy.Recycle, ClassEmpty).WithMessage("Recycle failed: first");
        var plan = ReclaimDecisions.AfterRecycle(volume, RecycleOutcome.Failed("second"), Now);
        Assert.Empty(plan.Steps);
    }

    [Fact]
    public void A_failed_volume_whose_claim_is_gone_is_reclaimed_again_on_every_sync()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Failed, ReclaimPolicy.Delete, ClassEmpty).WithMessage("Mock delete error");
        var plan = VolumeSync.Plan(volume, BindingView.Create([volume], []), Now);
        var step = Assert.IsType<SyncStep.Reclaim>(Assert.Single(plan.Steps));
        Assert.Equal(ReclaimPolicy.Delete, step.Policy);
    }

    [Fact]
    public void A_retained_volume_stays_released_with_its_old_claim_reference()
    {
        var cluster = new FakeCluster([Volume("volume", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty)]);
        cluster.RunUntilStable();
        Expect.State(cluster, [Volume("volume", "1Gi", "uid", "claim", VolumePhase.Released, ReclaimPolicy.Retain, ClassEmpty)], []);
        Expect.Events(cluster, []);
    }

    [Theory]
    [InlineData(null, null, nameof(DeleterKind.FromSource), null)]
    [InlineData(MockPlugin, null, nameof(DeleterKind.ProvisioningPlugin), null)]
    [InlineData("kubernetes.io/unknown", null, nameof(DeleterKind.Missing), "no volume plugin matched name: kubernetes.io/unknown")]
    [InlineData("external.io/test", null, nameof(DeleterKind.External), null)]
    [InlineData(null, "csi.example.com", nameof(DeleterKind.External), null)]
    public void The_deleter_is_chosen_like_findDeletablePlugin(string? provisionedBy, string? migratedTo, string kind, string? error)
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Released, ReclaimPolicy.Delete, ClassEmpty);
        if (provisionedBy is not null)
        {
            volume = volume.WithAnnotation(BinderAnnotations.ProvisionedBy, provisionedBy);
        }
        if (migratedTo is not null)
        {
            volume = volume.WithAnnotation(BinderAnnotations.MigratedTo, migratedTo);
        }
        var choice = ReclaimDecisions.ChooseDeleter(volume, name => name == MockPlugin);
        Assert.Equal(kind, choice.Kind.ToString());
        Assert.Equal(error, choice.Error);
    }

    [Fact]
    public void A_csi_volume_is_left_to_its_driver()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Released, ReclaimPolicy.Delete, ClassEmpty).ExternalProvisioned("csi.example.com");
        Assert.Equal(DeleterKind.External, ReclaimDecisions.ChooseDeleter(volume, _ => true).Kind);
    }

    [Fact]
    public void A_volume_whose_claim_still_names_it_is_not_released()
    {
        var volume = Volume("volume", "1Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Delete, ClassEmpty);
        var claim = Claim("claim", "uid", "1Gi", "volume", ClaimPhase.Bound, null);
        Assert.False(ReclaimDecisions.IsReleased(volume, BindingView.Create([volume], [claim])));
        Assert.True(ReclaimDecisions.IsReleased(volume, BindingView.Create([volume], [claim with { Spec = claim.Spec! with { VolumeName = "other" } }])));
        Assert.True(ReclaimDecisions.IsReleased(volume, BindingView.Create([volume], [claim with { Metadata = claim.Metadata with { Uid = "new" } }])));
        Assert.False(ReclaimDecisions.IsReleased(volume, BindingView.Create([volume], [claim with { Spec = claim.Spec! with { VolumeName = null } }])));
    }
}
