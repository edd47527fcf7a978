namespace Stowage.KubectlVolume.CommandLine;

/// <summary>What the command does.</summary>
internal enum VolumeOperation
{
    /// <summary>Print volumes and mounts (the default).</summary>
    List,

    /// <summary><c>--add</c>.</summary>
    Add,

    /// <summary><c>--remove</c>.</summary>
    Remove,
}
