using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Runtime.Tests;

/// <summary>The volumes the tests create.</summary>
internal static class TestVolumes
{
    /// <summary>A 1Gi ReadWriteOnce hostPath volume.</summary>
    public static PersistentVolume Pv(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse("1Gi") },
            AccessModes = ["ReadWriteOnce"],
            HostPath = new HostPathVolumeSource { Path = "/tmp/" + name },
        },
    };
}
