using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Kubernetes' <c>recycle_test.go</c> (6-x, 7-1) and <c>delete_test.go</c> (8-x, 9-1) with a fake
/// plugin result. Kubernetes' "inject before the operation starts" hooks become
/// <see cref="FakeCluster.BeforeReclaim"/>.
/// </summary>
internal static class ReclaimCases
{
    private const string Bbc = BinderAnnotations.BoundByController;
    private const string Recycle = ReclaimPolicy.Recycle;
    private const string Delete = ReclaimPolicy.Delete;
    private const string Bound = VolumePhase.Bound;
    private const string Released = VolumePhase.Released;
    private const string Failed = VolumePhase.Failed;
    private const string Available = VolumePhase.Available;
    private const string GceDriver = "pd.csi.storage.gke.io";

    private static readonly PodClaimUse[] Pods =
    [
        new(Namespace, "runningPod", "runningClaim", Scheduled: true, Terminated: false),
        new(Namespace, "pendingPod", "pendingClaim", Scheduled: false, Terminated: false),
        new(Namespace, "completedPod", "completedClaim", Scheduled: true, Terminated: true),
    ];

    public static IEnumerable<SyncCase> All => Recycling.Concat(Deleting);

    private static Action<FakeCluster> RecycleCalls(params string?[] results) => c => c.Plugins.RecycleCalls = new Queue<string?>(results);

    private static Action<FakeCluster> DeleteCalls(params string?[] results) => c => c.Plugins.DeleteCalls = new Queue<string?>(results);

    // Kubernetes' reactor.MarkVolumeAvailable.
    private static void MarkAvailable(FakeCluster cluster, string name)
    {
        var volume = cluster.Volume(name)!;
        cluster.PutVolume(volume with
        {
            Metadata = volume.Metadata with { Annotations = null },
            Spec = volume.Spec! with { ClaimRef = null },
            Status = volume.Status! with { Phase = Available },
        });
    }

    private static IEnumerable<SyncCase> Recycling =>
    [
        new("6-1 - successful recycle",
            Volumes(Volume("volume6-1", "1Gi", "uid6-1", "claim6-1", Bound, Recycle, ClassEmpty, Bbc)),
            Volumes(Volume("volume6-1", "1Gi", "", "", Available, Recycle, ClassEmpty)),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Normal VolumeRecycled Volume recycled"], SyncTarget.Volume)
        { Arrange = RecycleCalls([null]) },
        new("6-2 - successful recycle with prebound volume",
            Volumes(Volume("volume6-2", "1Gi", "uid6-2", "claim6-2", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume6-2", "1Gi", "", "claim6-2", Available, Recycle, ClassEmpty)),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Normal VolumeRecycled Volume recycled"], SyncTarget.Volume)
        { Arrange = RecycleCalls([null]) },
        new("6-3 - plugin not found",
            Volumes(Volume("volume6-3", "1Gi", "uid6-3", "claim6-3", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume6-3", "1Gi", "uid6-3", "claim6-3", Failed, Recycle, ClassEmpty).WithMessage("No recycler plugin found for the volume!")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedRecycle No recycler plugin found for the volume!"], SyncTarget.Volume),
        new("6-4 - newRecycler returns error",
            Volumes(Volume("volume6-4", "1Gi", "uid6-4", "claim6-4", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume6-4", "1Gi", "uid6-4", "claim6-4", Failed, Recycle, ClassEmpty).WithMessage("Recycle failed: Mock plugin error: no recycleCalls configured")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedRecycle Recycle failed: Mock plugin error: no recycleCalls configured"], SyncTarget.Volume)
        { Arrange = RecycleCalls() },
        new("6-5 - recycle returns error",
            Volumes(Volume("volume6-5", "1Gi", "uid6-5", "claim6-5", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume6-5", "1Gi", "uid6-5", "claim6-5", Failed, Recycle, ClassEmpty).WithMessage("Recycle failed: Mock recycle error")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedRecycle Recycle failed: Mock recycle error"], SyncTarget.Volume)
        { Arrange = RecycleCalls("Mock recycle error") },
        new("6-6 - volume is deleted before recycling",
            Volumes(Volume("volume6-6", "1Gi", "uid6-6", "claim6-6", Bound, Recycle, ClassEmpty)),
            SyncCase.NoVolumes, SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = c => { c.Plugins.RecycleCalls = new(); c.BeforeReclaim = (cluster, _) => cluster.RemoveVolume("volume6-6"); } },
        new("6-7 - volume is recycled by another recycler before recycling",
            Volumes(Volume("volume6-7", "1Gi", "uid6-7", "claim6-7", Bound, Recycle, ClassEmpty, Bbc)),
            Volumes(Volume("volume6-7", "1Gi", "", "", Available, Recycle, ClassEmpty)),
            SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = c => { c.Plugins.RecycleCalls = new(); c.BeforeReclaim = (cluster, _) => MarkAvailable(cluster, "volume6-7"); } },
        new("6-8 - prebound volume is recycled by another recycler before recycling",
            Volumes(Volume("volume6-8", "1Gi", "uid6-8", "claim6-8", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume6-8", "1Gi", "", "", Available, Recycle, ClassEmpty)),
            SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = c => { c.Plugins.RecycleCalls = new(); c.BeforeReclaim = (cluster, _) => MarkAvailable(cluster, "volume6-8"); } },
        new("6-9 - prebound volume is recycled while the claim exists",
            Volumes(Volume("volume6-9", "1Gi", "uid6-9", "claim6-9", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume6-9", "1Gi", "", "claim6-9", Available, Recycle, ClassEmpty)),
            Claims(Claim("claim6-9", "uid6-9-x", "10Gi", "", ClaimPhase.Pending, null)),
            Claims(Claim("claim6-9", "uid6-9-x", "10Gi", "", ClaimPhase.Pending, null)),
            ["Normal VolumeRecycled Volume recycled"], SyncTarget.Volume)
        { Arrange = RecycleCalls([null]) },
        new("6-10 - unknown reclaim policy",
            Volumes(Volume("volume6-10", "1Gi", "uid6-10", "claim6-10", Bound, "Unknown", ClassEmpty)),
            Volumes(Volume("volume6-10", "1Gi", "uid6-10", "claim6-10", Failed, "Unknown", ClassEmpty).WithMessage("Volume has unrecognized PersistentVolumeReclaimPolicy")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeUnknownReclaimPolicy Volume has unrecognized PersistentVolumeReclaimPolicy"], SyncTarget.Volume),
        new("6-11 - used by running pod",
            Volumes(Volume("volume6-11", "1Gi", "uid6-11", "runningClaim", Bound, Recycle, ClassEmpty, Bbc)),
            Volumes(Volume("volume6-11", "1Gi", "uid6-11", "runningClaim", Released, Recycle, ClassEmpty, Bbc)),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Normal VolumeFailedRecycle Volume is used by pods: default/runningPod"], SyncTarget.Volume)
        { Pods = Pods },
        new("6-12 - used by pending pod",
            Volumes(Volume("volume6-12", "1Gi", "uid6-12", "pendingClaim", Bound, Recycle, ClassEmpty, Bbc)),
            Volumes(Volume("volume6-12", "1Gi", "uid6-12", "pendingClaim", Released, Recycle, ClassEmpty, Bbc)),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Normal VolumeFailedRecycle Volume is used by pods: default/pendingPod"], SyncTarget.Volume)
        { Pods = Pods },
        new("6-13 - used by completed pod",
            Volumes(Volume("volume6-13", "1Gi", "uid6-13", "completedClaim", Bound, Recycle, ClassEmpty, Bbc)),
            Volumes(Volume("volume6-13", "1Gi", "", "", Available, Recycle, ClassEmpty)),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Normal VolumeRecycled Volume recycled"], SyncTarget.Volume)
        { Pods = Pods, Arrange = RecycleCalls([null]) },
        new("6-14 - seemingly used by running pod",
            Volumes(Volume("volume6-14", "1Gi", "uid6-14", "completedClaim", Bound, Recycle, ClassEmpty, Bbc)),
            Volumes(Volume("volume6-14", "1Gi", "", "", Available, Recycle, ClassEmpty)),
            Claims(Claim("completedClaim", "uid6-14-x", "10Gi", "", ClaimPhase.Bound, null)),
            Claims(Claim("completedClaim", "uid6-14-x", "10Gi", "", ClaimPhase.Bound, null)),
            ["Normal VolumeRecycled Volume recycled"], SyncTarget.Volume)
        { Pods = Pods, Arrange = RecycleCalls([null]) },
        new("7-1 - recycle returns error, the controller tries again",
            Volumes(Volume("volume7-1", "1Gi", "uid7-1", "claim7-1", Bound, Recycle, ClassEmpty)),
            Volumes(Volume("volume7-1", "1Gi", "", "claim7-1", Available, Recycle, ClassEmpty)),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedRecycle Recycle failed: Mock recycle error", "Normal VolumeRecycled Volume recycled"], SyncTarget.All)
        { Arrange = RecycleCalls("Mock recycle error", null) },
    ];

    private static IEnumerable<SyncCase> Deleting =>
    [
        new("8-1 - successful delete",
            Volumes(Volume("volume8-1", "1Gi", "uid8-1", "claim8-1", Bound, Delete, ClassEmpty, Bbc)),
            SyncCase.NoVolumes, SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = DeleteCalls([null]) },
        new("8-2 - successful delete with prebound volume",
            Volumes(Volume("volume8-2", "1Gi", "uid8-2", "claim8-2", Bound, Delete, ClassEmpty)),
            SyncCase.NoVolumes, SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = DeleteCalls([null]) },
        new("8-3 - plugin not found",
            Volumes(Volume("volume8-3", "1Gi", "uid8-3", "claim8-3", Bound, Delete, ClassEmpty)),
            Volumes(Volume("volume8-3", "1Gi", "uid8-3", "claim8-3", Failed, Delete, ClassEmpty)
                .WithMessage("error getting deleter volume plugin for volume \"volume8-3\": no volume plugin matched")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedDelete error getting deleter volume plugin for volume \"volume8-3\": no volume plugin matched"], SyncTarget.Volume),
        new("8-4 - newDeleter returns error",
            Volumes(Volume("volume8-4", "1Gi", "uid8-4", "claim8-4", Bound, Delete, ClassEmpty)),
            Volumes(Volume("volume8-4", "1Gi", "uid8-4", "claim8-4", Failed, Delete, ClassEmpty)
                .WithMessage("failed to create deleter for volume \"volume8-4\": Mock plugin error: no deleteCalls configured")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedDelete failed to create deleter for volume \"volume8-4\": Mock plugin error: no deleteCalls configured"], SyncTarget.Volume)
        { Arrange = DeleteCalls() },
        new("8-5 - delete returns error",
            Volumes(Volume("volume8-5", "1Gi", "uid8-5", "claim8-5", Bound, Delete, ClassEmpty)),
            Volumes(Volume("volume8-5", "1Gi", "uid8-5", "claim8-5", Failed, Delete, ClassEmpty).WithMessage("Mock delete error")),
            SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedDelete Mock delete error"], SyncTarget.Volume)
        { Arrange = DeleteCalls("Mock delete error") },
        new("8-6 - volume is deleted before deleting",
            Volumes(Volume("volume8-6", "1Gi", "uid8-6", "claim8-6", Bound, Delete, ClassEmpty)),
            SyncCase.NoVolumes, SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = c => { c.Plugins.DeleteCalls = new(); c.BeforeReclaim = (cluster, _) => cluster.RemoveVolume("volume8-6"); } },
        new("8-7 - volume is bound before deleting",
            Volumes(Volume("volume8-7", "1Gi", "uid8-7", "claim8-7", Bound, Delete, ClassEmpty, Bbc)),
            Volumes(Volume("volume8-7", "1Gi", "uid8-7", "claim8-7", Bound, Delete, ClassEmpty, Bbc)),
            SyncCase.NoClaims,
            Claims(Claim("claim8-7", "uid8-7", "10Gi", "volume8-7", ClaimPhase.Bound, null)),
            SyncCase.NoEvents, SyncTarget.Volume)
        {
            Arrange = c =>
            {
                c.Plugins.DeleteCalls = new();
                // Kubernetes' reactor.AddClaimBoundToVolume: the claim "resurrects" and the volume is Bound again.
                c.BeforeReclaim = (cluster, _) =>
                {
                    cluster.PutClaim(Claim("claim8-7", "uid8-7", "10Gi", "volume8-7", ClaimPhase.Bound, null));
                    var volume = cluster.Volume("volume8-7")!;
                    cluster.PutVolume(volume with { Status = volume.Status! with { Phase = Bound } });
                };
            },
        },
        new("8-9 - prebound volume is deleted while the claim exists",
            Volumes(Volume("volume8-9", "1Gi", "uid8-9", "claim8-9", Bound, Delete, ClassEmpty)),
            SyncCase.NoVolumes,
            Claims(Claim("claim8-9", "uid8-9-x", "10Gi", "", ClaimPhase.Pending, null)),
            Claims(Claim("claim8-9", "uid8-9-x", "10Gi", "", ClaimPhase.Pending, null)),
            SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = DeleteCalls([null]) },
        new("8-10-1 - external deleter when volume is dynamic provisioning",
            Volumes(Volume("volume8-10-1", "1Gi", "uid10-1-1", "claim10-1-1", Bound, Delete, ClassEmpty, Bbc).ExternalProvisioned(GceDriver).WithAnnotation(BinderAnnotations.ProvisionedBy, "external.io/test")),
            Volumes(Volume("volume8-10-1", "1Gi", "uid10-1-1", "claim10-1-1", Released, Delete, ClassEmpty, Bbc).ExternalProvisioned(GceDriver).WithAnnotation(BinderAnnotations.ProvisionedBy, "external.io/test")),
            SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume),
        new("8-10-2 - external deleter when volume is static provisioning",
            Volumes(Volume("volume8-10-2", "1Gi", "uid10-1-2", "claim10-1-2", Bound, Delete, ClassEmpty, Bbc).ExternalProvisioned(GceDriver)),
            Volumes(Volume("volume8-10-2", "1Gi", "uid10-1-2", "claim10-1-2", Released, Delete, ClassEmpty, Bbc).ExternalProvisioned(GceDriver)),
            SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume),
        new("8-10-3 - external deleter when volume is migrated",
            Volumes(Volume("volume8-10-3", "1Gi", "uid10-1-3", "claim10-1-3", Bound, Delete, ClassEmpty)
                .WithAnnotation(BinderAnnotations.ProvisionedBy, "kubernetes.io/gce-pd").WithAnnotation(BinderAnnotations.MigratedTo, GceDriver)),
            Volumes(Volume("volume8-10-3", "1Gi", "uid10-1-3", "claim10-1-3", Released, Delete, ClassEmpty)
                .WithAnnotation(BinderAnnotations.ProvisionedBy, "kubernetes.io/gce-pd").WithAnnotation(BinderAnnotations.MigratedTo, GceDriver)),
            SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume),
        new("8-11 - two PVs provisioned for a single claim",
            Volumes(
                Volume("volume8-11-1", "1Gi", "uid8-11", "claim8-11", Bound, Delete, ClassEmpty, BinderAnnotations.ProvisionedBy),
                Volume("volume8-11-2", "1Gi", "uid8-11", "claim8-11", Bound, Delete, ClassEmpty, BinderAnnotations.ProvisionedBy)),
            Volumes(Volume("volume8-11-2", "1Gi", "uid8-11", "claim8-11", Bound, Delete, ClassEmpty, BinderAnnotations.ProvisionedBy)),
            Claims(Claim("claim8-11", "uid8-11", "10Gi", "volume8-11-2", ClaimPhase.Bound, null)),
            Claims(Claim("claim8-11", "uid8-11", "10Gi", "volume8-11-2", ClaimPhase.Bound, null)),
            SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = DeleteCalls([null]) },
        new("8-12 - two PVs externally provisioned for a single claim",
            Volumes(
                Volume("volume8-12-1", "1Gi", "uid8-12", "claim8-12", Bound, Delete, ClassEmpty).ExternalProvisioned(GceDriver).WithAnnotation(BinderAnnotations.ProvisionedBy, "external.io/test"),
                Volume("volume8-12-2", "1Gi", "uid8-12", "claim8-12", Bound, Delete, ClassEmpty, BinderAnnotations.ProvisionedBy).ExternalProvisioned(GceDriver)),
            Volumes(
                Volume("volume8-12-1", "1Gi", "uid8-12", "claim8-12", Released, Delete, ClassEmpty).ExternalProvisioned(GceDriver).WithAnnotation(BinderAnnotations.ProvisionedBy, "external.io/test"),
                Volume("volume8-12-2", "1Gi", "uid8-12", "claim8-12", Bound, Delete, ClassEmpty, BinderAnnotations.ProvisionedBy).ExternalProvisioned(GceDriver)),
            Claims(Claim("claim8-12", "uid8-12", "10Gi", "volume8-12-2", ClaimPhase.Bound, null)),
            Claims(Claim("claim8-12", "uid8-12", "10Gi", "volume8-12-2", ClaimPhase.Bound, null)),
            SyncCase.NoEvents, SyncTarget.Volume),
        new("8-13 - volume has deletion timestamp and processed",
            Volumes(Volume("volume8-13", "1Gi", "uid8-13", "claim8-13", Bound, Delete, ClassEmpty, Bbc).WithDeletionTimestamp().WithFinalizers(BinderAnnotations.PvControllerFinalizer)),
            SyncCase.NoVolumes, SyncCase.NoClaims, SyncCase.NoClaims, SyncCase.NoEvents, SyncTarget.Volume)
        { Arrange = DeleteCalls([null]) },
        new("9-1 - delete returns error, the controller tries again",
            Volumes(Volume("volume9-1", "1Gi", "uid9-1", "claim9-1", Bound, Delete, ClassEmpty).WithFinalizers(BinderAnnotations.PvControllerFinalizer)),
            SyncCase.NoVolumes, SyncCase.NoClaims, SyncCase.NoClaims,
            ["Warning VolumeFailedDelete Mock delete error"], SyncTarget.All)
        { Arrange = DeleteCalls("Mock delete error", null) },
    ];
}
