namespace Stowage.Controllers.Pool;

/// <summary>How a pool (and each of its volumes) holds data.</summary>
public enum PoolMode
{
    /// <summary>
    /// Each volume is a sparse image file on a loop device with its own ext4 filesystem: writes
    /// past the size fail with ENOSPC, <c>df</c> shows the size, usage is exact.
    /// </summary>
    Enforced,

    /// <summary>
    /// Each volume is a plain directory: sizes are recorded and counted against the pool's
    /// capacity but not enforced, and usage is an estimate from walking the directory.
    /// </summary>
    Unenforced,
}
