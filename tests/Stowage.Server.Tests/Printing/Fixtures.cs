using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Storage;

namespace Stowage.Server.Tests.Printing;

/// <summary>The objects of the protocol notes' kubectl sessions, at a fixed clock.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Now = new(2025, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Ago(int minutes, int seconds = 0) => Now - new TimeSpan(0, minutes, seconds);

    public static Dictionary<string, Quantity> Storage(string size) => new() { ["storage"] = Quantity.Parse(size) };

    /// <summary>pv0001: an Available 1Gi hostPath volume of class manual.</summary>
    public static PersistentVolume Pv0001 => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "pv0001",
            Uid = "6f1c7c1e-0000-4000-8000-000000000001",
            ResourceVersion = "106",
            CreationTimestamp = Ago(5, 22),
            Labels = new Dictionary<string, string> { ["type"] = "local" },
        },
        Spec = new PersistentVolumeSpec
        {
            Capacity = Storage("1Gi"),
            AccessModes = ["ReadWriteOnce"],
            PersistentVolumeReclaimPolicy = "Retain",
            StorageClassName = "manual",
            VolumeMode = "Filesystem",
            HostPath = new HostPathVolumeSource { Path = "/mnt/data1" },
        },
        Status = new PersistentVolumeStatus { Phase = "Available" },
    };

    /// <summary>pv0002: a 5Gi volume bound to default/claim1.</summary>
    public static PersistentVolume Pv0002 => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "pv0002",
            Uid = "6f1c7c1e-0000-4000-8000-000000000002",
            ResourceVersion = "113",
            CreationTimestamp = Ago(5, 22),
        },
        Spec = new PersistentVolumeSpec
        {
            Capacity = Storage("5Gi"),
            AccessModes = ["ReadOnlyMany", "ReadWriteOnce"],
            PersistentVolumeReclaimPolicy = "Delete",
            StorageClassName = "manual",
            VolumeMode = "Filesystem",
            ClaimRef = new ObjectReference { Kind = "PersistentVolumeClaim", Namespace = "default", Name = "claim1", Uid = "c1" },
            HostPath = new HostPathVolumeSource { Path = "/mnt/data2" },
        },
        Status = new PersistentVolumeStatus { Phase = "Bound" },
    };

    /// <summary>claim1, bound to pv0002.</summary>
    public static PersistentVolumeClaim Claim1 => new()
    {
        Metadata = new ObjectMeta { Name = "claim1", Namespace = "default", CreationTimestamp = Ago(5, 27) },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new VolumeResourceRequirements { Requests = Storage("3Gi") },
            StorageClassName = "manual",
            VolumeMode = "Filesystem",
            VolumeName = "pv0002",
        },
        Status = new PersistentVolumeClaimStatus { Phase = "Bound", AccessModes = ["ReadWriteOnce", "ReadOnlyMany"], Capacity = Storage("5Gi") },
    };

    /// <summary>The default class "standard".</summary>
    public static StorageClass Standard => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "standard",
            CreationTimestamp = Ago(5, 28),
            Annotations = new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" },
        },
        Provisioner = "rancher.io/local-path",
        ReclaimPolicy = "Delete",
        VolumeBindingMode = "WaitForFirstConsumer",
    };

    /// <summary>Parses a JSON array literal into cells, for comparing with a printer's output.</summary>
    public static JsonArray CellsOf(string json) => JsonNode.Parse(json)!.AsArray();

    /// <summary>Asserts cells equal the JSON array literal, types included (strings, integers, booleans).</summary>
    public static void AssertCells(string expectedJson, IReadOnlyList<JsonNode?> actual)
    {
        var actualJson = new JsonArray([.. actual.Select(cell => cell?.DeepClone())]).ToJsonString();
        Assert.True(JsonNode.DeepEquals(CellsOf(expectedJson), JsonNode.Parse(actualJson)), $"expected {expectedJson}\n  actual {actualJson}");
    }
}
