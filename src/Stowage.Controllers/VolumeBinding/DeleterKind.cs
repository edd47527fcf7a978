namespace Stowage.Controllers.VolumeBinding;

/// <summary>Who deletes a Released volume with policy Delete (<c>findDeletablePlugin</c>).</summary>
public enum DeleterKind
{
    /// <summary>The plugin named by the volume's <c>provisioned-by</c> annotation.</summary>
    ProvisioningPlugin,

    /// <summary>An external deleter (CSI driver, external provisioner); the binder does nothing.</summary>
    External,

    /// <summary>Whichever plugin supports the volume's source; none means <see cref="DeleteOutcome.NoPlugin"/>.</summary>
    FromSource,

    /// <summary>The volume names an in-tree provisioner that has no plugin: the delete fails with <see cref="DeleterChoice.Error"/>.</summary>
    Missing,
}
