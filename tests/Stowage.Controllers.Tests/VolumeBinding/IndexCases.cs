using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;
using Stowage.Controllers.VolumeBinding;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>The objects of Kubernetes' <c>index_test.go</c> (<c>createTestVolumes</c>, <c>makePVC</c>, <c>testVolume</c>).</summary>
internal static class IndexCases
{
    public const string Rwo = AccessModeSet.ReadWriteOnce;
    public const string Rox = AccessModeSet.ReadOnlyMany;
    public const string Rwx = AccessModeSet.ReadWriteMany;
    public const string ClassSilver = "silver";
    public const string ClassGold = "gold";
    public const string ClassLarge = "large";
    public const string ClassWait = "wait";

    public static PersistentVolume Pv(
        string uid, string name, string capacity, string[] modes, string? phase = VolumePhase.Available,
        string @class = "", Dictionary<string, string>? labels = null, ObjectReference? claimRef = null, string? volumeMode = "Filesystem") => new()
        {
            Metadata = new ObjectMeta { Uid = uid, Name = name, Labels = labels },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(capacity) },
                AccessModes = modes,
                StorageClassName = @class,
                ClaimRef = claimRef,
                VolumeMode = volumeMode,
                GcePersistentDisk = new GcePersistentDiskVolumeSource(),
            },
            Status = new PersistentVolumeStatus { Phase = phase },
        };

    /// <summary><c>createTestVolumes</c>, deliberately out of order. (Two of Kubernetes' volumes share the name affinity003; the later one wins in its store and here.)</summary>
    public static PersistentVolume[] TestVolumes() =>
    [
        Pv("gce-pd-10", "gce003", "10G", [Rwo, Rox]),
        Pv("gce-pd-20", "gce004", "20G", [Rwo, Rox], VolumePhase.Bound, claimRef: new ObjectReference { Uid = "def456" }),
        Pv("nfs-5", "nfs002", "5G", [Rwo, Rox, Rwx]),
        Pv("gce-pd-1", "gce001", "1G", [Rwo, Rox], VolumePhase.Bound, claimRef: new ObjectReference { Uid = "abc123" }),
        Pv("nfs-10", "nfs003", "10G", [Rwo, Rox, Rwx]),
        Pv("gce-pd-5", "gce002", "5G", [Rwo, Rox]),
        Pv("nfs-1", "nfs001", "1G", [Rwo, Rox, Rwx]),
        Pv("gce-pd-2", "gce0022", "20000G", [Rwo], labels: new() { ["should-exist"] = "true" }),
        Pv("gce-pd-silver1", "gce0023", "10000G", [Rwo], @class: ClassSilver, labels: new() { ["should-exist"] = "true" }),
        Pv("gce-pd-silver2", "gce0024", "100G", [Rwo], @class: ClassSilver),
        Pv("gce-pd-gold", "gce0025", "50G", [Rwo], @class: ClassGold),
        Pv("local-pd-very-large", "local001", "200E", [Rwo, Rox, Rwx], @class: ClassLarge),
        Pv("local-pd-extremely-large", "local002", "800E", [Rwo, Rox, Rwx], @class: ClassLarge),
        Pv("affinity-pv", "affinity001", "100G", [Rwo, Rox], @class: ClassWait),
        Pv("affinity-pv2", "affinity002", "150G", [Rwo, Rox], @class: ClassWait),
        Pv("affinity-prebound", "affinity003", "100G", [Rwo, Rox], @class: ClassWait, claimRef: new ObjectReference { Name = "claim02", Namespace = "myns" }),
        Pv("affinity-pv3", "affinity003", "200G", [Rwo, Rox], @class: ClassWait),
        Pv("affinity-pv4-pending", "affinity004-pending", "200G", [Rwo, Rox], VolumePhase.Pending, ClassWait),
        Pv("affinity-pv4-failed", "affinity004-failed", "200G", [Rwo, Rox], VolumePhase.Failed, ClassWait),
        Pv("affinity-pv4-released", "affinity004-released", "200G", [Rwo, Rox], VolumePhase.Released, ClassWait),
        Pv("affinity-pv4-empty", "affinity004-empty", "200G", [Rwo, Rox], null, ClassWait),
    ];

    /// <summary><c>makePVC</c>: claim01 in myns asking ReadOnlyMany+ReadWriteOnce, Filesystem.</summary>
    public static PersistentVolumeClaim Pvc(string size, string[]? modes = null, string? @class = null, Dictionary<string, string>? selector = null, string name = "claim01", string? volumeMode = "Filesystem") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "myns" },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = modes ?? [Rox, Rwo],
            Resources = new VolumeResourceRequirements { Requests = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(size) } },
            StorageClassName = @class,
            Selector = selector is null ? null : new LabelSelector { MatchLabels = selector },
            VolumeMode = volumeMode,
        },
    };

    /// <summary><c>testVolume</c>: an Available RWO hostPath volume.</summary>
    public static PersistentVolume TestVolume(string name, string size) => Pv(name, name, size, [Rwo]);
}
