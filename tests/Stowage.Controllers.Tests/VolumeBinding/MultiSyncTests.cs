using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Cases that run the whole loop until nothing changes: Kubernetes' <c>TestMultiSync</c> (10-x),
/// the controller tests of set 5 (objects added and deleted), and the retroactive default class.
/// </summary>
public sealed class MultiSyncTests
{
    private const string Bbc = BinderAnnotations.BoundByController;
    private const string Bc = BinderAnnotations.BindCompleted;

    [Fact]
    public void Case_10_1_a_pending_volume_and_a_claim_end_bound_to_each_other()
    {
        new SyncCase("10-1 - successful bind",
            Volumes(Volume("volume10-1", "1Gi", "", "", VolumePhase.Pending, ReclaimPolicy.Retain, ClassEmpty)),
            Volumes(Volume("volume10-1", "1Gi", "uid10-1", "claim10-1", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc)),
            Claims(Claim("claim10-1", "uid10-1", "1Gi", "", ClaimPhase.Pending, null)),
            Claims(Claim("claim10-1", "uid10-1", "1Gi", "volume10-1", ClaimPhase.Bound, null, Bbc, Bc)),
            // The first claim sync runs before the volume is Available (pv-semantics §13.4).
            ["Normal FailedBinding no persistent volumes available for this claim and no storage class is set"], SyncTarget.All).Run();
    }

    [Fact]
    public void Case_10_2_of_two_volumes_bound_to_one_claim_the_one_it_does_not_name_is_rolled_back()
    {
        new SyncCase("10-2 - bind PV race",
            Volumes(
                Volume("volume10-2-1", "1Gi", "uid10-2", "claim10-2", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc),
                Volume("volume10-2-2", "1Gi", "uid10-2", "claim10-2", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc)),
            Volumes(
                Volume("volume10-2-1", "1Gi", "uid10-2", "claim10-2", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc),
                Volume("volume10-2-2", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)),
            Claims(Claim("claim10-2", "uid10-2", "1Gi", "volume10-2-1", ClaimPhase.Bound, null, Bbc, Bc)),
            Claims(Claim("claim10-2", "uid10-2", "1Gi", "volume10-2-1", ClaimPhase.Bound, null, Bbc, Bc)),
            SyncCase.NoEvents, SyncTarget.All).Run();
    }

    [Fact]
    public void Case_5_1_an_added_volume_becomes_available_on_its_own_sync()
    {
        var cluster = new FakeCluster([], [Claim("claim5-1", "uid5-1", "1Gi", "", ClaimPhase.Pending, null)]);
        cluster.PutVolume(Volume("volume5-1", "10Gi", "", "", VolumePhase.Pending, ReclaimPolicy.Retain, ClassEmpty));
        cluster.SyncVolume("volume5-1");
        Expect.State(cluster,
            [Volume("volume5-1", "10Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim5-1", "uid5-1", "1Gi", "", ClaimPhase.Pending, null)]);

        // Creating a volume enqueues no claim; the claim's next (re)sync binds it.
        cluster.SyncClaim("claim5-1");
        Expect.State(cluster,
            [Volume("volume5-1", "10Gi", "uid5-1", "claim5-1", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc)],
            [Claim("claim5-1", "uid5-1", "1Gi", "volume5-1", ClaimPhase.Bound, null, Bbc, Bc).WithExpectedCapacity("10Gi")]);
    }

    [Fact]
    public void Case_5_2_an_added_claim_completes_the_bind()
    {
        var cluster = new FakeCluster([Volume("volume5-2", "10Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)]);
        cluster.PutClaim(Claim("claim5-2", "uid5-2", "1Gi", "", ClaimPhase.Pending, null));
        cluster.RunUntilStable();
        Expect.State(cluster,
            [Volume("volume5-2", "10Gi", "uid5-2", "claim5-2", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc)],
            [Claim("claim5-2", "uid5-2", "1Gi", "volume5-2", ClaimPhase.Bound, null, Bbc, Bc).WithExpectedCapacity("10Gi")]);
        Expect.Events(cluster, []);
    }

    [Fact]
    public void Case_5_3_deleting_a_bound_claim_releases_its_volume()
    {
        var cluster = new FakeCluster(
            [Volume("volume5-3", "10Gi", "uid5-3", "claim5-3", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc)],
            [Claim("claim5-3", "uid5-3", "1Gi", "volume5-3", ClaimPhase.Bound, null, Bbc, Bc)]);
        cluster.RemoveClaim("claim5-3");
        cluster.RunUntilStable();
        Expect.State(cluster, [Volume("volume5-3", "10Gi", "uid5-3", "claim5-3", VolumePhase.Released, ReclaimPolicy.Retain, ClassEmpty, Bbc)], []);
        Expect.Events(cluster, []);
    }

    [Fact]
    public void Case_5_4_deleting_a_bound_volume_loses_its_claim()
    {
        var cluster = new FakeCluster(
            [Volume("volume5-4", "10Gi", "uid5-4", "claim5-4", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim5-4", "uid5-4", "1Gi", "volume5-4", ClaimPhase.Bound, null, Bbc, Bc)]);
        cluster.RemoveVolume("volume5-4");
        cluster.RunUntilStable();
        Expect.State(cluster, [], [Claim("claim5-4", "uid5-4", "1Gi", "volume5-4", ClaimPhase.Lost, null, Bbc, Bc)]);
        Expect.Events(cluster, ["Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!"]);
    }

    [Fact]
    public void A_lost_claim_is_bound_again_when_its_volume_reappears()
    {
        var cluster = new FakeCluster(
            [Volume("volume", "10Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim", "uid", "10Gi", "volume", ClaimPhase.Lost, null, Bbc, Bc)]);
        cluster.RunUntilStable();
        Expect.State(cluster,
            [Volume("volume", "10Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc)],
            [Claim("claim", "uid", "10Gi", "volume", ClaimPhase.Bound, null, Bbc, Bc)]);
    }

    [Fact]
    public void A_claim_without_a_class_that_finds_no_volume_gets_the_default_class_and_is_provisioned()
    {
        var cluster = new FakeCluster([], [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null)],
            [Class(ClassGold, Provisioners.Local).AsDefault(), Class(ClassExternal, "vendor.com/my-volume")]);
        cluster.RunUntilStable();
        var claim = cluster.Claim("claim")!;
        Assert.Equal(ClassGold, claim.Spec!.StorageClassName);
        Assert.Equal(ClaimPhase.Bound, claim.Status!.Phase);
        Assert.Equal("pvc-uid", claim.Spec.VolumeName);
    }

    [Fact]
    public void A_claim_without_a_class_binds_a_classless_volume_before_the_default_class_is_considered()
    {
        var cluster = new FakeCluster(
            [Volume("volume", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)],
            [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null)],
            [Class(ClassGold, Provisioners.Local).AsDefault()]);
        cluster.RunUntilStable();
        Assert.Null(cluster.Claim("claim")!.Spec!.StorageClassName);
        Assert.Equal("volume", cluster.Claim("claim")!.Spec!.VolumeName);
    }

    [Fact]
    public void A_claim_that_asks_for_no_class_is_never_given_the_default()
    {
        var cluster = new FakeCluster([], [Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassEmpty)], [Class(ClassGold, Provisioners.Local).AsDefault()]);
        cluster.RunUntilStable();
        Assert.Equal("", cluster.Claim("claim")!.Spec!.StorageClassName);
        Expect.Events(cluster, ["Normal FailedBinding no persistent volumes available for this claim and no storage class is set"]);
    }

    [Fact]
    public void Of_two_default_classes_the_newest_wins_and_equal_times_go_to_the_first_name()
    {
        var same = Now.AddHours(-1);
        Assert.Equal(ClassGold, ClassRules.DefaultClass([Class(ClassSilver, "x").AsDefault(same), Class(ClassGold, "x").AsDefault(same)])!.Metadata.Name);
        Assert.Equal(ClassSilver, ClassRules.DefaultClass([Class(ClassSilver, "x").AsDefault(Now), Class(ClassGold, "x").AsDefault(same)])!.Metadata.Name);
        Assert.Null(ClassRules.DefaultClass([Class(ClassGold, "x")]));
    }

    [Fact]
    public void Only_the_exact_value_true_marks_a_default_class()
    {
        var storageClass = Class(ClassGold, "x");
        Assert.False(ClassRules.IsDefault(storageClass with { Metadata = storageClass.Metadata with { Annotations = new Dictionary<string, string> { [BinderAnnotations.IsDefaultClass] = "True" } } }));
        Assert.True(ClassRules.IsDefault(storageClass with { Metadata = storageClass.Metadata with { Annotations = new Dictionary<string, string> { [BinderAnnotations.BetaIsDefaultClass] = "true" } } }));
    }

    [Fact]
    public void The_beta_class_annotation_wins_over_the_field_even_when_empty()
    {
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassGold).WithAnnotation(BinderAnnotations.BetaStorageClass, "");
        Assert.Equal("", ClassRules.ClassOf(claim));
        Assert.True(ClassRules.HasClass(claim));
        Assert.False(ClassRules.HasClass(Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, null)));
    }

    [Fact]
    public void A_phase_change_stamps_the_transition_time_and_an_unchanged_phase_keeps_it()
    {
        var earlier = Now.AddDays(-3);
        var volume = Volume("volume", "1Gi", "", "", VolumePhase.Pending, ReclaimPolicy.Retain, ClassEmpty);
        volume = volume with { Status = volume.Status! with { LastPhaseTransitionTime = earlier } };
        var plan = VolumeSync.Plan(volume, BindingView.Create([volume], []), Now);
        var written = Assert.IsType<SyncStep.WriteVolumeStatus>(Assert.Single(plan.Steps)).Volume;
        Assert.Equal(VolumePhase.Available, written.Status!.Phase);
        Assert.Equal(Now, written.Status.LastPhaseTransitionTime);

        Assert.Empty(VolumeSync.Plan(written, BindingView.Create([written], []), Now.AddHours(1)).Steps);
    }

    [Fact]
    public void A_volume_provisioned_by_stowage_keeps_the_pv_controller_finalizer_exactly_while_its_policy_is_delete()
    {
        var volume = Volume("volume", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Delete, ClassEmpty)
            .WithAnnotation(BinderAnnotations.ProvisionedBy, Provisioners.Local);
        var added = Assert.IsType<SyncStep.WriteVolume>(VolumeSync.Plan(volume, BindingView.Create([volume], []), Now).Steps[0]).Volume;
        Assert.Equal([BinderAnnotations.PvControllerFinalizer], added.Metadata.Finalizers!);

        var retained = added with { Spec = added.Spec! with { PersistentVolumeReclaimPolicy = ReclaimPolicy.Retain } };
        var removed = Assert.IsType<SyncStep.WriteVolume>(VolumeSync.Plan(retained, BindingView.Create([retained], []), Now).Steps[0]).Volume;
        Assert.Null(removed.Metadata.Finalizers);
    }

    [Fact]
    public void A_claim_bound_by_the_controller_keeps_its_capacity_when_the_volume_grows()
    {
        var volume = Volume("volume", "20Gi", "uid", "claim", VolumePhase.Bound, ReclaimPolicy.Retain, ClassEmpty, Bbc);
        var claim = Claim("claim", "uid", "10Gi", "volume", ClaimPhase.Bound, null, Bbc, Bc);
        Assert.Empty(ClaimSync.Plan(claim, BindingView.Create([volume], [claim]), Now).Steps);
    }

    [Fact]
    public void Binding_a_volume_with_a_pre_resize_capacity_reports_that_capacity()
    {
        var volume = Volume("volume", "20Gi", "", "", VolumePhase.Available, ReclaimPolicy.Retain, ClassEmpty)
            .WithAnnotation(BinderAnnotations.PreResizeCapacity, "10Gi");
        var cluster = new FakeCluster([volume], [Claim("claim", "uid", "5Gi", "", ClaimPhase.Pending, null)]);
        cluster.RunUntilStable();
        Assert.Equal("10Gi", cluster.Claim("claim")!.Status!.Capacity!["storage"].ToString());
    }
}
