namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// The event types and reasons the binder emits, exactly as Kubernetes' PV controller emits them
/// (pv-semantics §12). The source component is <see cref="Component"/>.
/// </summary>
public static class EventReasons
{
    /// <summary>The reporting component of every binder event.</summary>
    public const string Component = "persistentvolume-controller";

    /// <summary>Event type for expected progress.</summary>
    public const string Normal = "Normal";

    /// <summary>Event type for something the user should look at.</summary>
    public const string Warning = "Warning";

    /// <summary>A claim cannot bind (no volume and no class, or its requested volume is taken).</summary>
    public const string FailedBinding = "FailedBinding";

    /// <summary>A requested volume does not satisfy the claim (or volume modes differ).</summary>
    public const string VolumeMismatch = "VolumeMismatch";

    /// <summary>A WaitForFirstConsumer claim has no consumer yet.</summary>
    public const string WaitForFirstConsumer = "WaitForFirstConsumer";

    /// <summary>A WaitForFirstConsumer claim waits for its pods to be scheduled.</summary>
    public const string WaitForPodScheduled = "WaitForPodScheduled";

    /// <summary>A bound claim lost its volume.</summary>
    public const string ClaimLost = "ClaimLost";

    /// <summary>A bound claim's volume belongs to another claim.</summary>
    public const string ClaimMisbound = "ClaimMisbound";

    /// <summary>Provisioning could not start or failed.</summary>
    public const string ProvisioningFailed = "ProvisioningFailed";

    /// <summary>An external provisioner is expected to create the volume.</summary>
    public const string ExternalProvisioning = "ExternalProvisioning";

    /// <summary>Recycling failed (Warning) or must wait for pods (Normal).</summary>
    public const string VolumeFailedRecycle = "VolumeFailedRecycle";

    /// <summary>A volume was recycled.</summary>
    public const string VolumeRecycled = "VolumeRecycled";

    /// <summary>Deleting the storage asset failed.</summary>
    public const string VolumeFailedDelete = "VolumeFailedDelete";

    /// <summary>The deleter needs more time (volume still in use).</summary>
    public const string VolumeDelete = "VolumeDelete";

    /// <summary>The reclaim policy is not one the binder knows.</summary>
    public const string VolumeUnknownReclaimPolicy = "VolumeUnknownReclaimPolicy";
}
