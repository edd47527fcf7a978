namespace Stowage.Controllers.Pool;

/// <summary>The durable steps of creating an enforced volume, in order (see <see cref="StoragePool"/>).</summary>
internal enum CreateStep
{
    /// <summary>The volume's directory exists.</summary>
    DirectoryCreated,

    /// <summary>The state file says "creating" with the requested size.</summary>
    StateWritten,

    /// <summary>The sparse image file exists at its full size.</summary>
    ImageCreated,

    /// <summary>The image is attached to a loop device.</summary>
    LoopAttached,

    /// <summary>The loop device holds an ext4 filesystem.</summary>
    Formatted,

    /// <summary>The filesystem is mounted at the volume's path.</summary>
    Mounted,
}
