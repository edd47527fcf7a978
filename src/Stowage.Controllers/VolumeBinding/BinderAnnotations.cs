namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// The annotation keys and the finalizer the PV binder reads and writes, spelled exactly as
/// Kubernetes spells them (<c>component-helpers/storage/volume/pv_helpers.go</c>).
/// </summary>
/// <remarks>
/// The binder writes the value <c>"yes"</c> for its marker annotations; readers only ever test
/// for the presence of a key, never its value (pv-semantics §5).
/// </remarks>
public static class BinderAnnotations
{
    /// <summary>On a claim: the claim has passed through binding once; switches it to the "bound" branch.</summary>
    public const string BindCompleted = "pv.kubernetes.io/bind-completed";

    /// <summary>On a volume or claim: the controller (not the user) made this side of the link.</summary>
    public const string BoundByController = "pv.kubernetes.io/bound-by-controller";

    /// <summary>On a volume: the provisioner that created it (decides the deleter and the lost-race rule).</summary>
    public const string ProvisionedBy = "pv.kubernetes.io/provisioned-by";

    /// <summary>On a claim: the provisioner asked to provision it.</summary>
    public const string StorageProvisioner = "volume.kubernetes.io/storage-provisioner";

    /// <summary>On a claim: the deprecated twin of <see cref="StorageProvisioner"/>, written with it.</summary>
    public const string BetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";

    /// <summary>On a claim: the node the scheduler chose for a WaitForFirstConsumer claim.</summary>
    public const string SelectedNode = "volume.kubernetes.io/selected-node";

    /// <summary>On a volume or claim: the legacy class annotation; it wins over <c>storageClassName</c>.</summary>
    public const string BetaStorageClass = "volume.beta.kubernetes.io/storage-class";

    /// <summary>On a volume or claim: CSI migration took over; the binder stands down for reclaim.</summary>
    public const string MigratedTo = "pv.kubernetes.io/migrated-to";

    /// <summary>On a volume: the capacity a claim's status takes at (re)binding while a resize is pending.</summary>
    public const string PreResizeCapacity = "volume.alpha.kubernetes.io/pre-resize-capacity";

    /// <summary>On a class: <c>"true"</c> marks the default class.</summary>
    public const string IsDefaultClass = "storageclass.kubernetes.io/is-default-class";

    /// <summary>On a class: the legacy default-class marker.</summary>
    public const string BetaIsDefaultClass = "storageclass.beta.kubernetes.io/is-default-class";

    /// <summary>The value the binder writes for its marker annotations.</summary>
    public const string Yes = "yes";

    /// <summary>
    /// The finalizer that keeps a dynamically provisioned Delete volume until its storage asset
    /// is deleted (<c>HonorPVReclaimPolicy</c>, GA in 1.33).
    /// </summary>
    public const string PvControllerFinalizer = "kubernetes.io/pv-controller";
}
