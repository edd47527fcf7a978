namespace Stowage.Controllers.VolumeBinding;

/// <summary>The values of a volume's <c>spec.persistentVolumeReclaimPolicy</c>.</summary>
public static class ReclaimPolicy
{
    /// <summary>Keep the volume and its data; an administrator reuses it by hand.</summary>
    public const string Retain = "Retain";

    /// <summary>Scrub the volume and make it Available again (deprecated upstream).</summary>
    public const string Recycle = "Recycle";

    /// <summary>Delete the storage asset and the volume object.</summary>
    public const string Delete = "Delete";
}
