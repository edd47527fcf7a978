using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Controllers.VolumeBinding;
using static Stowage.Controllers.Tests.VolumeBinding.Upstream;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Kubernetes' <c>provision_test.go</c> cases that are the binder's decisions (which provisioner,
/// the annotations, the events), with Kubernetes' mock in-tree plugin replaced by Stowage's
/// built-in provisioner. Cases about the in-tree provisioner's own work (plugin errors, retries
/// of the PV create, cleanup) belong to the provisioner and are not here.
/// </summary>
internal static class ProvisionCases
{
    private const string Bbc = BinderAnnotations.BoundByController;
    private const string Bc = BinderAnnotations.BindCompleted;
    private const string Available = VolumePhase.Available;
    private const string Pending = ClaimPhase.Pending;
    private const string Retain = ReclaimPolicy.Retain;
    private const string Delete = ReclaimPolicy.Delete;
    private const string FailedBinding = "Normal FailedBinding no persistent volumes available for this claim and no storage class is set";
    private const string External = "vendor.com/my-volume";
    private const string ExternalWait = "vendor.com/my-volume-wait";

    private static string Waiting(string provisioner) =>
        "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner '" + provisioner
        + "' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.";

    public static IEnumerable<SyncCase> All =>
    [
        new("11-6 - provisioning when there is a volume available",
            Volumes(Volume("volume11-6", "1Gi", "", "", Available, Retain, ClassGold)),
            Volumes(Volume("volume11-6", "1Gi", "uid11-6", "claim11-6", VolumePhase.Bound, Retain, ClassGold, Bbc)),
            Claims(Claim("claim11-6", "uid11-6", "1Gi", "", Pending, ClassGold)),
            Claims(Claim("claim11-6", "uid11-6", "1Gi", "volume11-6", ClaimPhase.Bound, ClassGold, Bbc, Bc)),
            SyncCase.NoEvents, SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-14 - fail due to non-existing class",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-14", "uid11-14", "1Gi", "", Pending, ClassNonExisting)),
            Claims(Claim("claim11-14", "uid11-14", "1Gi", "", Pending, ClassNonExisting)),
            ["Warning ProvisioningFailed storageclass.storage.k8s.io \"non-existing\" not found"], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-15 - no provisioning with class=''",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-15", "uid11-15", "1Gi", "", Pending, ClassEmpty)),
            Claims(Claim("claim11-15", "uid11-15", "1Gi", "", Pending, ClassEmpty)),
            [FailedBinding], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-16 - no provisioning with class=nil",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-15", "uid11-15", "1Gi", "", Pending, null)),
            Claims(Claim("claim11-15", "uid11-15", "1Gi", "", Pending, null)),
            [FailedBinding], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-17 - external provisioner",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-17", "uid11-17", "1Gi", "", Pending, ClassExternal)),
            Claims(Claim("claim11-17", "uid11-17", "1Gi", "", Pending, ClassExternal)
                .WithAnnotation(BinderAnnotations.StorageProvisioner, External).WithAnnotation(BinderAnnotations.BetaStorageProvisioner, External)),
            [Waiting(External)], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-18 - unknown internal provisioner",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-18", "uid11-18", "1Gi", "", Pending, ClassUnknownInternal)),
            Claims(Claim("claim11-18", "uid11-18", "1Gi", "", Pending, ClassUnknownInternal)),
            ["Warning ProvisioningFailed no volume plugin matched name: kubernetes.io/unknown"], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-22 - external provisioner with volume available",
            Volumes(Volume("volume11-22", "1Gi", "", "", Available, Retain, ClassExternal)),
            Volumes(Volume("volume11-22", "1Gi", "uid11-22", "claim11-22", VolumePhase.Bound, Retain, ClassExternal, Bbc)),
            Claims(Claim("claim11-22", "uid11-22", "1Gi", "", Pending, ClassExternal)),
            Claims(Claim("claim11-22", "uid11-22", "1Gi", "volume11-22", ClaimPhase.Bound, ClassExternal, Bbc, Bc)),
            SyncCase.NoEvents, SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-24 - skip finding PV and wait external provisioner for PVC annotated with AnnSelectedNode",
            Volumes(Volume("volume11-24", "1Gi", "", "", Available, Delete, ClassExternalWait)),
            Volumes(Volume("volume11-24", "1Gi", "", "", Available, Delete, ClassExternalWait)),
            Claims(Claim("claim11-24", "uid11-24", "1Gi", "", Pending, ClassExternalWait).WithAnnotation(BinderAnnotations.SelectedNode, "node1")),
            Claims(Claim("claim11-24", "uid11-24", "1Gi", "", Pending, ClassExternalWait).WithAnnotation(BinderAnnotations.SelectedNode, "node1")
                .WithAnnotation(BinderAnnotations.StorageProvisioner, ExternalWait).WithAnnotation(BinderAnnotations.BetaStorageProvisioner, ExternalWait)),
            [Waiting(ExternalWait)], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-25 - failed built-in provision with data source",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-25", "uid11-25", "1Gi", "", Pending, ClassGold).WithDataSource("test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io")),
            Claims(Claim("claim11-25", "uid11-25", "1Gi", "", Pending, ClassGold).WithDataSource("test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io")),
            ["Warning ProvisioningFailed plugin \"stowage.io/local\" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource"], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("11-26 - csi with data source",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim11-26", "uid11-26", "1Gi", "", Pending, ClassCsi).WithDataSource("test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io")
                .WithAnnotation(BinderAnnotations.StorageProvisioner, "mydriver.csi.k8s.io")),
            Claims(Claim("claim11-26", "uid11-26", "1Gi", "", Pending, ClassCsi).WithDataSource("test-snap", "VolumeSnapshot", "snapshot.storage.k8s.io")
                .WithAnnotation(BinderAnnotations.StorageProvisioner, "mydriver.csi.k8s.io")),
            [Waiting("mydriver.csi.k8s.io")], SyncTarget.Claim)
        { Classes = ProvisionClasses },
        new("12-1 - successful provision",
            SyncCase.NoVolumes,
            Volumes(Provisioned("pvc-uid12-1", "uid12-1", "claim12-1", ClassGold)),
            Claims(Claim("claim12-1", "uid12-1", "1Gi", "", Pending, ClassGold)),
            Claims(Claim("claim12-1", "uid12-1", "1Gi", "pvc-uid12-1", ClaimPhase.Bound, ClassGold, Bbc, Bc)
                .WithAnnotation(BinderAnnotations.StorageProvisioner, Provisioners.Local).WithAnnotation(BinderAnnotations.BetaStorageProvisioner, Provisioners.Local)),
            ["Normal ProvisioningSucceeded Successfully provisioned volume pvc-uid12-1 using stowage.io/local"], SyncTarget.All)
        { Classes = ProvisionClasses },
        new("12-2 - external provisioner with volume provisioned success",
            SyncCase.NoVolumes,
            Volumes(Volume("pvc-uid12-2", "1Gi", "uid12-2", "claim12-2", VolumePhase.Bound, Retain, ClassExternal, Bbc)),
            Claims(Claim("claim12-2", "uid12-2", "1Gi", "", Pending, ClassExternal)),
            Claims(Claim("claim12-2", "uid12-2", "1Gi", "pvc-uid12-2", ClaimPhase.Bound, ClassExternal, Bbc, Bc)
                .WithAnnotation(BinderAnnotations.StorageProvisioner, External).WithAnnotation(BinderAnnotations.BetaStorageProvisioner, External)),
            [Waiting(External)], SyncTarget.All)
        {
            Classes = ProvisionClasses,
            Arrange = c => c.ExternalProvisioner = (cluster, _) =>
                cluster.PutVolume(Volume("pvc-uid12-2", "1Gi", "", "", Available, Retain, ClassExternal)),
        },
        new("12-3 - external provisioner with volume to be provisioned",
            SyncCase.NoVolumes, SyncCase.NoVolumes,
            Claims(Claim("claim12-3", "uid12-3", "1Gi", "", Pending, ClassExternal)),
            Claims(Claim("claim12-3", "uid12-3", "1Gi", "", Pending, ClassExternal)
                .WithAnnotation(BinderAnnotations.StorageProvisioner, External).WithAnnotation(BinderAnnotations.BetaStorageProvisioner, External)),
            [Waiting(External)], SyncTarget.All)
        { Classes = ProvisionClasses },
        new("12-4 - external provisioner with volume provisioned/bound success",
            SyncCase.NoVolumes,
            Volumes(Volume("pvc-uid12-4", "1Gi", "uid12-4", "claim12-4", VolumePhase.Bound, Retain, ClassExternal, Bbc)),
            Claims(Claim("claim12-4", "uid12-4", "1Gi", "", Pending, ClassExternal)),
            Claims(Claim("claim12-4", "uid12-4", "1Gi", "pvc-uid12-4", ClaimPhase.Bound, ClassExternal, Bbc, Bc)
                .WithAnnotation(BinderAnnotations.StorageProvisioner, External).WithAnnotation(BinderAnnotations.BetaStorageProvisioner, External)),
            [Waiting(External)], SyncTarget.All)
        {
            Classes = ProvisionClasses,
            Arrange = c => c.ExternalProvisioner = (cluster, _) =>
                cluster.PutVolume(Volume("pvc-uid12-4", "1Gi", "uid12-4", "claim12-4", VolumePhase.Bound, Retain, ClassExternal, Bbc)),
        },
    ];

    /// <summary>What Stowage's provisioner (as <see cref="FakeCluster"/> plays it) creates, after binding.</summary>
    public static PersistentVolume Provisioned(string name, string claimUid, string claimName, string storageClass) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolume",
        Metadata = new ObjectMeta
        {
            Name = name,
            Uid = "uid-" + name,
            Annotations = new Dictionary<string, string>
            {
                [Bbc] = "yes",
                [BinderAnnotations.ProvisionedBy] = Provisioners.Local,
            },
            Finalizers = [BinderAnnotations.PvControllerFinalizer],
        },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse("1Gi") },
            AccessModes = [AccessModeSet.ReadWriteOnce, AccessModeSet.ReadOnlyMany],
            ClaimRef = new ObjectReference { Kind = "PersistentVolumeClaim", ApiVersion = "v1", Namespace = Upstream.Namespace, Name = claimName, Uid = claimUid },
            PersistentVolumeReclaimPolicy = Delete,
            StorageClassName = storageClass,
            VolumeMode = "Filesystem",
            HostPath = new HostPathVolumeSource { Path = "/var/lib/stowage/volumes/" + name },
        },
        Status = new PersistentVolumeStatus { Phase = VolumePhase.Bound },
    };
}
