namespace Stowage.Controllers.VolumeBinding;

/// <summary>The values of a PersistentVolumeClaim's <c>status.phase</c>.</summary>
public static class ClaimPhase
{
    /// <summary>Not bound (yet).</summary>
    public const string Pending = "Pending";

    /// <summary>Bound to a volume.</summary>
    public const string Bound = "Bound";

    /// <summary>Was bound; its volume vanished or now belongs to someone else.</summary>
    public const string Lost = "Lost";
}
