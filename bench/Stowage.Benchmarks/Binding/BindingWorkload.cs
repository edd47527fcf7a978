using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// The shapes of the benchmark's volumes and claims: 16 cells of (class, access mode, size). Volume
/// i and claim i fall in cell i mod 16, and a claim asks for at most its cell's size and more than
/// the next smaller size — so the binder has to match by class, mode and capacity (nothing is
/// pre-bound), and since every cell holds as many claims as volumes, best fit (smallest volume
/// that fits) always finds one: N claims need exactly N distinct volumes.
/// </summary>
internal static class BindingWorkload
{
    public const string Namespace = "binding-bench";

    private static readonly string[] Classes = ["gold", "silver"];
    private static readonly string[] Modes = ["ReadWriteOnce", "ReadWriteMany"];

    // (volume capacity, the two requests claims of that size alternate between)
    private static readonly (string Capacity, string[] Requests)[] Sizes =
    [
        ("1Gi", ["512Mi", "1Gi"]),
        ("2Gi", ["1536Mi", "2Gi"]),
        ("5Gi", ["3Gi", "5Gi"]),
        ("10Gi", ["8Gi", "10Gi"]),
    ];

    private static int Cells => Classes.Length * Modes.Length * Sizes.Length;

    /// <summary>The i-th volume of a set named by <paramref name="prefix"/>.</summary>
    public static PersistentVolume Volume(string prefix, int i)
    {
        var (className, mode, size) = Cell(i);
        var name = $"{prefix}-{i:D5}";
        return new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "binding-bench" } },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(size.Capacity) },
                AccessModes = [mode],
                StorageClassName = className,
                PersistentVolumeReclaimPolicy = "Retain",
                HostPath = new HostPathVolumeSource { Path = "/tmp/stowage-binding-bench/" + name },
            },
        };
    }

    /// <summary>The i-th claim of a set named by <paramref name="prefix"/>.</summary>
    public static PersistentVolumeClaim Claim(string prefix, int i)
    {
        var (className, mode, size) = Cell(i);
        return new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = $"{prefix}-{i:D5}", Namespace = Namespace },
            Spec = new PersistentVolumeClaimSpec
            {
                AccessModes = [mode],
                StorageClassName = className,
                Resources = new VolumeResourceRequirements
                {
                    Requests = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(size.Requests[i / Cells % 2]) },
                },
            },
        };
    }

    private static (string Class, string Mode, (string Capacity, string[] Requests) Size) Cell(int i)
    {
        var cell = i % Cells;
        return (Classes[cell % Classes.Length], Modes[cell / Classes.Length % Modes.Length], Sizes[cell / (Classes.Length * Modes.Length)]);
    }
}
