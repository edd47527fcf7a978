using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Builders shaped like Kubernetes' <c>framework_test.go</c> (<c>newVolume</c>, <c>newClaim</c>,
/// <c>withLabels</c>, …) so ported cases read like the originals: volumes have modes RWO+ROX and
/// volume mode Filesystem; claims live in namespace "default", request RWO+ROX, and a Bound claim
/// has status accessModes = its modes and status capacity = its request.
/// </summary>
internal static class Upstream
{
    public const string Namespace = "default";

    /// <summary>The plugin name Kubernetes' tests give provisioned volumes (an in-tree name).</summary>
    public const string MockPlugin = "kubernetes.io/mock-volume";

    public const string ClassEmpty = "";
    public const string ClassGold = "gold";
    public const string ClassSilver = "silver";
    public const string ClassCopper = "copper";
    public const string ClassWait = "wait";
    public const string ClassExternal = "external";
    public const string ClassExternalWait = "external-wait";
    public const string ClassUnknownInternal = "unknown-internal";
    public const string ClassCsi = "csi";
    public const string ClassNonExisting = "non-existing";

    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static PersistentVolume Volume(string name, string capacity, string claimUid, string claimName, string phase, string policy, string @class, params string[] annotations)
    {
        var volume = new PersistentVolume
        {
            ApiVersion = "v1",
            Kind = "PersistentVolume",
            Metadata = new ObjectMeta { Name = name, ResourceVersion = "1" },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(capacity) },
                GcePersistentDisk = new GcePersistentDiskVolumeSource(),
                AccessModes = [AccessModeSet.ReadWriteOnce, AccessModeSet.ReadOnlyMany],
                PersistentVolumeReclaimPolicy = policy,
                StorageClassName = @class,
                VolumeMode = "Filesystem",
            },
            Status = new PersistentVolumeStatus { Phase = phase.Length == 0 ? null : phase },
        };
        if (claimName.Length > 0)
        {
            volume = volume with
            {
                Spec = volume.Spec with
                {
                    ClaimRef = new ObjectReference
                    {
                        Kind = "PersistentVolumeClaim",
                        ApiVersion = "v1",
                        Uid = claimUid.Length == 0 ? null : claimUid,
                        Namespace = Namespace,
                        Name = claimName,
                    },
                },
            };
        }
        if (annotations.Length > 0)
        {
            volume = volume with
            {
                Metadata = volume.Metadata with
                {
                    Annotations = annotations.ToDictionary(a => a, a => a == BinderAnnotations.ProvisionedBy ? MockPlugin : "yes"),
                },
            };
        }
        return volume;
    }

    public static PersistentVolumeClaim Claim(string name, string uid, string capacity, string volumeName, string phase, string? @class, params string[] annotations)
    {
        IReadOnlyList<string> modes = [AccessModeSet.ReadWriteOnce, AccessModeSet.ReadOnlyMany];
        var request = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(capacity) };
        var claim = new PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = new ObjectMeta { Name = name, Namespace = Namespace, Uid = uid, ResourceVersion = "1" },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = modes,
                Resources = new VolumeResourceRequirements { Requests = request },
                VolumeName = volumeName.Length == 0 ? null : volumeName,
                StorageClassName = @class,
                VolumeMode = "Filesystem",
            },
            Status = new PersistentVolumeClaimStatus { Phase = phase },
        };
        if (annotations.Length > 0)
        {
            claim = claim with
            {
                Metadata = claim.Metadata with
                {
                    Annotations = annotations.ToDictionary(
                        a => a,
                        a => a is BinderAnnotations.StorageProvisioner or BinderAnnotations.BetaStorageProvisioner ? MockPlugin : "yes"),
                },
            };
        }
        if (phase == ClaimPhase.Bound)
        {
            claim = claim with { Status = claim.Status! with { AccessModes = modes, Capacity = request } };
        }
        return claim;
    }

    public static PersistentVolume[] Volumes(params PersistentVolume[] volumes) => volumes;

    public static PersistentVolumeClaim[] Claims(params PersistentVolumeClaim[] claims) => claims;

    public static PersistentVolume WithLabels(this PersistentVolume volume, IReadOnlyDictionary<string, string> labels) =>
        volume with { Metadata = volume.Metadata with { Labels = labels } };

    public static PersistentVolumeClaim WithSelector(this PersistentVolumeClaim claim, IReadOnlyDictionary<string, string> labels) =>
        claim with { Spec = claim.Spec! with { Selector = new LabelSelector { MatchLabels = labels } } };

    public static PersistentVolumeClaim WithExpectedCapacity(this PersistentVolumeClaim claim, string capacity) =>
        claim with { Status = claim.Status! with { Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(capacity) } } };

    public static PersistentVolumeClaim WithAccessModes(this PersistentVolumeClaim claim, params string[] modes) =>
        claim with { Spec = claim.Spec! with { AccessModes = modes } };

    public static PersistentVolume WithAccessModes(this PersistentVolume volume, params string[] modes) =>
        volume with { Spec = volume.Spec! with { AccessModes = modes } };

    public static PersistentVolumeClaim WithVolumeMode(this PersistentVolumeClaim claim, string? mode)
    {
        var updated = claim with { Spec = claim.Spec! with { VolumeMode = mode } };
        return updated;
    }

    public static PersistentVolume WithVolumeMode(this PersistentVolume volume, string? mode) =>
        volume with { Spec = volume.Spec! with { VolumeMode = mode } };

    public static PersistentVolumeClaim WithAnnotation(this PersistentVolumeClaim claim, string key, string value) =>
        claim with { Metadata = claim.Metadata with { Annotations = Add(claim.Metadata.Annotations, key, value) } };

    public static PersistentVolume WithAnnotation(this PersistentVolume volume, string key, string value) =>
        volume with { Metadata = volume.Metadata with { Annotations = Add(volume.Metadata.Annotations, key, value) } };

    public static PersistentVolume WithMessage(this PersistentVolume volume, string message) =>
        volume with { Status = volume.Status! with { Message = message } };

    public static PersistentVolume WithFinalizers(this PersistentVolume volume, params string[] finalizers) =>
        volume with { Metadata = volume.Metadata with { Finalizers = finalizers } };

    public static PersistentVolume WithDeletionTimestamp(this PersistentVolume volume) =>
        volume with { Metadata = volume.Metadata with { DeletionTimestamp = Now.AddMinutes(-1) } };

    public static PersistentVolume WithAttributesClass(this PersistentVolume volume, string name) =>
        volume with { Spec = volume.Spec! with { VolumeAttributesClassName = name } };

    public static PersistentVolumeClaim WithAttributesClass(this PersistentVolumeClaim claim, string name) =>
        claim with { Spec = claim.Spec! with { VolumeAttributesClassName = name } };

    public static PersistentVolumeClaim WithCurrentAttributesClass(this PersistentVolumeClaim claim, string name) =>
        claim with { Status = claim.Status! with { CurrentVolumeAttributesClassName = name } };

    public static PersistentVolumeClaim WithDataSource(this PersistentVolumeClaim claim, string name, string kind, string apiGroup) =>
        claim with { Spec = claim.Spec! with { DataSource = new TypedLocalObjectReference { Name = name, Kind = kind, ApiGroup = apiGroup } } };

    /// <summary><c>newExternalProvisionedVolume</c>: a CSI volume of the given driver.</summary>
    public static PersistentVolume ExternalProvisioned(this PersistentVolume volume, string driver) =>
        volume with { Spec = volume.Spec! with { GcePersistentDisk = null, Csi = new CsiPersistentVolumeSource { Driver = driver, VolumeHandle = "volume-handle" } } };

    public static StorageClass Class(string name, string provisioner, string? bindingMode = "Immediate", string? reclaimPolicy = ReclaimPolicy.Delete) => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new ObjectMeta { Name = name, ResourceVersion = "1", CreationTimestamp = Now.AddDays(-1) },
        Provisioner = provisioner,
        ReclaimPolicy = reclaimPolicy,
        VolumeBindingMode = bindingMode,
    };

    public static StorageClass AsDefault(this StorageClass storageClass, DateTimeOffset? created = null) => storageClass with
    {
        Metadata = storageClass.Metadata with
        {
            Annotations = Add(storageClass.Metadata.Annotations, BinderAnnotations.IsDefaultClass, "true"),
            CreationTimestamp = created ?? storageClass.Metadata.CreationTimestamp,
        },
    };

    /// <summary>The classes of Kubernetes' <c>TestSync</c>: only <c>wait</c> exists.</summary>
    public static StorageClass[] SyncClasses => [Class(ClassWait, MockPlugin, "WaitForFirstConsumer")];

    /// <summary>The classes of <c>provision_test.go</c>, with Kubernetes' mock in-tree plugin replaced by Stowage's built-in provisioner.</summary>
    public static StorageClass[] ProvisionClasses =>
    [
        Class(ClassGold, Provisioners.Local),
        Class(ClassSilver, Provisioners.Local),
        Class(ClassCopper, Provisioners.Local, "WaitForFirstConsumer"),
        Class(ClassExternal, "vendor.com/my-volume"),
        Class(ClassExternalWait, "vendor.com/my-volume-wait", "WaitForFirstConsumer"),
        Class(ClassUnknownInternal, "kubernetes.io/unknown"),
        Class(ClassCsi, "mydriver.csi.k8s.io"),
    ];

    private static Dictionary<string, string> Add(IReadOnlyDictionary<string, string>? annotations, string key, string value) =>
        new(annotations ?? new Dictionary<string, string>()) { [key] = value };
}
