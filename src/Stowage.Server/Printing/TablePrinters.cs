namespace Stowage.Server.Printing;

/// <summary>The printers of every kind this server serves as tables.</summary>
public static class TablePrinters
{
    /// <summary>v1 PersistentVolume.</summary>
    public static PersistentVolumePrinter PersistentVolume => PersistentVolumePrinter.Instance;

    /// <summary>v1 PersistentVolumeClaim.</summary>
    public static PersistentVolumeClaimPrinter PersistentVolumeClaim => PersistentVolumeClaimPrinter.Instance;

    /// <summary>storage.k8s.io/v1 StorageClass.</summary>
    public static StorageClassPrinter StorageClass => StorageClassPrinter.Instance;

    /// <summary>v1 Namespace.</summary>
    public static NamespacePrinter Namespace => NamespacePrinter.Instance;

    /// <summary>v1 Secret.</summary>
    public static SecretPrinter Secret => SecretPrinter.Instance;

    /// <summary>v1 ConfigMap.</summary>
    public static ConfigMapPrinter ConfigMap => ConfigMapPrinter.Instance;

    /// <summary>v1 Endpoints.</summary>
    public static EndpointsPrinter Endpoints => EndpointsPrinter.Instance;

    /// <summary>v1 Event.</summary>
    public static EventPrinter Event => EventPrinter.Instance;

    /// <summary>events.k8s.io/v1 Event.</summary>
    public static EventsV1EventPrinter EventsV1Event => EventsV1EventPrinter.Instance;

    /// <summary>v1 Pod.</summary>
    public static PodPrinter Pod => PodPrinter.Instance;

    /// <summary>v1 Node.</summary>
    public static NodePrinter Node => NodePrinter.Instance;

    /// <summary>coordination.k8s.io/v1 Lease.</summary>
    public static LeasePrinter Lease => LeasePrinter.Instance;
}
