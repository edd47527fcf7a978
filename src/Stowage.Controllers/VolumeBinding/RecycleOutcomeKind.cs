namespace Stowage.Controllers.VolumeBinding;

/// <summary>What happened when the executor tried to recycle a volume.</summary>
public enum RecycleOutcomeKind
{
    /// <summary>The recycler scrubbed the volume.</summary>
    Recycled,

    /// <summary>No plugin can recycle the volume's source.</summary>
    NoPlugin,

    /// <summary>The recycler failed.</summary>
    Failed,
}
