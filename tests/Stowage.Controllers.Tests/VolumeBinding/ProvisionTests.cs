using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>Provisioning hand-off: the ported provision_test.go cases, and the plans for Stowage's own provisioner.</summary>
public sealed class ProvisionTests
{
    private static readonly Dictionary<string, SyncCase> Cases = ProvisionCases.All.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Provisioning_ends_in_the_state_Kubernetes_expects(string name) => Cases[name].Run();

    [Theory]
    [InlineData("11-1 - successful provision with storage class 1", ClassGold)]
    [InlineData("11-13 - successful provision with storage class 2", ClassSilver)]
    public void A_claim_of_a_built_in_class_gets_the_provisioner_annotations_then_a_provision_step(string _, string storageClass)
    {
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, storageClass);
        var plan = ClaimSync.Plan(claim, BindingView.Create([], [claim], ProvisionClasses), Now);

        Assert.Collection(plan.Steps,
            step =>
            {
                var written = Assert.IsType<SyncStep.WriteClaim>(step).Claim;
                Assert.Equal(Provisioners.Local, written.Metadata.Annotations![BinderAnnotations.StorageProvisioner]);
                Assert.Equal(Provisioners.Local, written.Metadata.Annotations![BinderAnnotations.BetaStorageProvisioner]);
            },
            step =>
            {
                var provision = Assert.IsType<SyncStep.Provision>(step);
                Assert.Equal(storageClass, provision.Class.Metadata.Name);
                Assert.True(provision.Claim.Metadata.Annotations!.ContainsKey(BinderAnnotations.StorageProvisioner));
            });
    }

    [Fact]
    public void The_claim_is_not_written_again_once_it_names_its_provisioner()
    {
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassGold).WithAnnotation(BinderAnnotations.StorageProvisioner, Provisioners.Local);
        var plan = ClaimSync.Plan(claim, BindingView.Create([], [claim], ProvisionClasses), Now);
        Assert.IsType<SyncStep.Provision>(Assert.Single(plan.Steps));
    }

    [Fact]
    public void No_provision_step_once_the_volume_named_after_the_claim_exists()
    {
        // 11-7: a volume pvc-<uid> already exists (here too small to bind, so matching cannot take it).
        var claim = Claim("claim11-7", "uid11-7", "2Gi", "", ClaimPhase.Pending, ClassGold);
        var existing = Volume("pvc-uid11-7", "1Gi", "uid11-7", "claim11-7", VolumePhase.Bound, ReclaimPolicy.Delete, ClassGold, BinderAnnotations.BoundByController);
        var plan = ClaimSync.Plan(claim, BindingView.Create([existing], [claim], ProvisionClasses), Now);
        Assert.IsType<SyncStep.WriteClaim>(Assert.Single(plan.Steps));
    }

    [Fact]
    public void A_wait_for_first_consumer_claim_with_a_selected_node_is_provisioned_even_when_a_volume_is_available()
    {
        // 11-23: the controller never binds unreserved volumes of a WaitForFirstConsumer class.
        var claim = Claim("claim11-23", "uid11-23", "1Gi", "", ClaimPhase.Pending, ClassCopper).WithAnnotation(BinderAnnotations.SelectedNode, "node1");
        var volume = Volume("volume11-23", "1Gi", "", "", VolumePhase.Available, ReclaimPolicy.Delete, ClassCopper);
        var plan = ClaimSync.Plan(claim, BindingView.Create([volume], [claim], ProvisionClasses), Now);
        Assert.Collection(plan.Steps,
            step => Assert.IsType<SyncStep.WriteClaim>(step),
            step => Assert.Equal(ClassCopper, Assert.IsType<SyncStep.Provision>(step).Class.Metadata.Name));
    }

    [Fact]
    public void A_wait_for_first_consumer_claim_with_unscheduled_pods_names_them()
    {
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassWait);
        PodClaimUse[] pods =
        [
            new(Namespace, "web-1", "claim", Scheduled: false, Terminated: false),
            new(Namespace, "web-0", "claim", Scheduled: false, Terminated: false),
            new(Namespace, "done", "claim", Scheduled: false, Terminated: true),
            new(Namespace, "running", "claim", Scheduled: true, Terminated: false),
            new("other", "elsewhere", "claim", Scheduled: false, Terminated: false),
        ];
        var cluster = new FakeCluster([], [claim], SyncClasses, pods);
        cluster.SyncClaim("claim");
        Expect.Events(cluster, ["Normal WaitForPodScheduled waiting for pods web-0,web-1 to be scheduled"]);

        var single = new FakeCluster([], [claim], SyncClasses, [pods[0]]);
        single.SyncClaim("claim");
        Expect.Events(single, ["Normal WaitForPodScheduled waiting for pod web-1 to be scheduled"]);
    }

    [Fact]
    public void A_class_without_a_binding_mode_is_an_error()
    {
        var claim = Claim("claim", "uid", "1Gi", "", ClaimPhase.Pending, ClassGold);
        var plan = ClaimSync.Plan(claim, BindingView.Create([], [claim], [Class(ClassGold, Provisioners.Local, bindingMode: null)]), Now);
        Assert.Empty(plan.Steps);
        Assert.Equal("VolumeBindingMode not set for StorageClass \"gold\"", plan.Error);
    }
}
