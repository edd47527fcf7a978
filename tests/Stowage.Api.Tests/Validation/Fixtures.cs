using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Storage;

namespace Stowage.Api.Tests.Validation;

/// <summary>Small valid objects that each test case bends in one place.</summary>
internal static class Fixtures
{
    public static Quantity Q(string text) => Quantity.Parse(text);

    public static Dictionary<string, Quantity> Size(string size) => new() { ["storage"] = Q(size) };

    public static PersistentVolume NfsVolume(string name = "pv0001") => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeSpec
        {
            Capacity = Size("5Gi"),
            AccessModes = ["ReadWriteOnce"],
            PersistentVolumeReclaimPolicy = "Retain",
            VolumeMode = "Filesystem",
            Nfs = new NfsVolumeSource { Server = "10.0.0.83", Path = "/exports/pv0001" },
        },
    };

    /// <summary>A PV with no source at all, to plug one in.</summary>
    public static PersistentVolume WithSource(Func<PersistentVolumeSpec, PersistentVolumeSpec> source)
    {
        var pv = NfsVolume();
        return pv with { Spec = source(pv.Spec! with { Nfs = null }) };
    }

    public static PersistentVolume Spec(this PersistentVolume pv, Func<PersistentVolumeSpec, PersistentVolumeSpec> change) =>
        pv with { Spec = change(pv.Spec!) };

    /// <summary>The stored form of a volume: it has a resourceVersion, so updates of it are well-formed.</summary>
    public static PersistentVolume Stored(this PersistentVolume pv) =>
        pv with { Metadata = pv.Metadata with { ResourceVersion = "7", Uid = "a8b3" } };

    public static PersistentVolumeClaim Claim(string name = "claim1", string size = "5Gi") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new VolumeResourceRequirements { Requests = Size(size) },
            VolumeMode = "Filesystem",
        },
    };

    public static PersistentVolumeClaim Spec(this PersistentVolumeClaim pvc, Func<PersistentVolumeClaimSpec, PersistentVolumeClaimSpec> change) =>
        pvc with { Spec = change(pvc.Spec!) };

    public static PersistentVolumeClaim Stored(this PersistentVolumeClaim pvc) =>
        pvc with { Metadata = pvc.Metadata with { ResourceVersion = "7", Uid = "c1d2" } };

    public static PersistentVolumeClaim Requesting(this PersistentVolumeClaim pvc, string size) =>
        pvc.Spec(s => s with { Resources = new VolumeResourceRequirements { Requests = Size(size) } });

    public static PersistentVolumeClaim BoundWithCapacity(this PersistentVolumeClaim pvc, string capacity) =>
        pvc with { Status = new PersistentVolumeClaimStatus { Phase = "Bound", Capacity = Size(capacity) } };

    public static StorageClass Class(string name = "standard") => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Provisioner = "kubernetes.io/aws-ebs",
        Parameters = new Dictionary<string, string> { ["type"] = "gp2" },
        ReclaimPolicy = "Delete",
        VolumeBindingMode = "Immediate",
    };

    public static VolumeNodeAffinity NodeAffinity(string key, string op, params string[] values) => new()
    {
        Required = new NodeSelector
        {
            NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = key, Operator = op, Values = values }] }],
        },
    };
}
