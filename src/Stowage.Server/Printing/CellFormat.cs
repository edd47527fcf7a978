using System.Globalization;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Server.Printing;

/// <summary>Cell values several printers share, as Kubernetes' printers compute them.</summary>
public static class CellFormat
{
    /// <summary>The annotation that overrides a PV's or PVC's storageClassName (read first, even when empty).</summary>
    public const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    /// <summary>Marks the default StorageClass.</summary>
    public const string IsDefaultStorageClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    /// <summary>The beta form of <see cref="IsDefaultStorageClassAnnotation"/>, still honoured.</summary>
    public const string BetaIsDefaultStorageClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    private const int ReadWriteOnce = 1, ReadOnlyMany = 2, ReadWriteMany = 4, ReadWriteOncePod = 8;

    // Every combination of the four modes, in Kubernetes' fixed order, so a row allocates nothing.
    private static readonly string[] AccessModeStrings = BuildAccessModeStrings();

    /// <summary>
    /// "RWO,ROX,RWX,RWOP" abbreviations in that fixed order whatever the list's order, duplicates and
    /// unknown modes dropped (Kubernetes' GetAccessModesAsString).
    /// </summary>
    public static string AccessModes(IReadOnlyList<string>? modes)
    {
        if (modes is null)
        {
            return "";
        }
        var set = 0;
        foreach (var mode in modes)
        {
            set |= mode switch
            {
                "ReadWriteOnce" => ReadWriteOnce,
                "ReadOnlyMany" => ReadOnlyMany,
                "ReadWriteMany" => ReadWriteMany,
                "ReadWriteOncePod" => ReadWriteOncePod,
                _ => 0,
            };
        }
        return AccessModeStrings[set];
    }

    /// <summary>The canonical form of the "storage" entry, or "0" when absent (Go's zero Quantity).</summary>
    public static string Storage(IReadOnlyDictionary<string, Quantity>? resources) =>
        resources is not null && resources.TryGetValue("storage", out var quantity)
            ? quantity.ToString()
            : Quantity.Zero.ToString();

    /// <summary>
    /// The class of a PV or PVC: the beta annotation when present (even if empty), else
    /// <paramref name="storageClassName"/>, else "" (GetPersistentVolume[Claim]Class).
    /// </summary>
    public static string StorageClass(ObjectMeta metadata, string? storageClassName) =>
        metadata.Annotations is not null && metadata.Annotations.TryGetValue(BetaStorageClassAnnotation, out var annotated)
            ? annotated
            : storageClassName ?? "";

    /// <summary>True when either default-class annotation is exactly "true" (storageutil.IsDefaultAnnotation).</summary>
    public static bool IsDefaultClass(ObjectMeta metadata) =>
        metadata.Annotations is { } annotations
        && ((annotations.TryGetValue(IsDefaultStorageClassAnnotation, out var v) && v == "true")
            || (annotations.TryGetValue(BetaIsDefaultStorageClassAnnotation, out var beta) && beta == "true"));

    /// <summary>Go's net.JoinHostPort: brackets around hosts that contain a colon (IPv6).</summary>
    public static string JoinHostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    private static string[] BuildAccessModeStrings()
    {
        var strings = new string[16];
        for (var set = 0; set < strings.Length; set++)
        {
            var parts = new List<string>(4);
            if ((set & ReadWriteOnce) != 0)
            {
                parts.Add("RWO");
            }
            if ((set & ReadOnlyMany) != 0)
            {
                parts.Add("ROX");
            }
            if ((set & ReadWriteMany) != 0)
            {
                parts.Add("RWX");
            }
            if ((set & ReadWriteOncePod) != 0)
            {
                parts.Add("RWOP");
            }
            strings[set] = string.Join(',', parts);
        }
        return strings;
    }
}
