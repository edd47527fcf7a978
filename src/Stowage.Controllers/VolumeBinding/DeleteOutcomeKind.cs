namespace Stowage.Controllers.VolumeBinding;

/// <summary>What happened when the executor tried to delete a volume's storage asset.</summary>
public enum DeleteOutcomeKind
{
    /// <summary>The asset is gone.</summary>
    Deleted,

    /// <summary>An external provisioner deletes it; the binder does nothing (the volume stays Released).</summary>
    External,

    /// <summary>No plugin supports the volume's source.</summary>
    NoPlugin,

    /// <summary>The plugin could not create a deleter.</summary>
    DeleterCreationFailed,

    /// <summary>The deleter (or the plugin lookup by provisioner name) failed.</summary>
    Failed,

    /// <summary>The asset is still in use; the deleter needs more time.</summary>
    InUse,
}
