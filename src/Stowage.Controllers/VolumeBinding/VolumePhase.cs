namespace Stowage.Controllers.VolumeBinding;

/// <summary>The values of a PersistentVolume's <c>status.phase</c>.</summary>
public static class VolumePhase
{
    /// <summary>Just created, not yet seen by the binder.</summary>
    public const string Pending = "Pending";

    /// <summary>Free, or reserved by a user pre-binding that has not completed.</summary>
    public const string Available = "Available";

    /// <summary>Bound to a claim.</summary>
    public const string Bound = "Bound";

    /// <summary>Its claim is gone; not yet reclaimed.</summary>
    public const string Released = "Released";

    /// <summary>Automatic reclamation failed.</summary>
    public const string Failed = "Failed";
}
