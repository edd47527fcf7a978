namespace Stowage.Controllers.Pool;

/// <summary>Where a volume lives: <c>&lt;pool&gt;/volumes/&lt;name&gt;/{image,mnt,state.json}</c>.</summary>
/// <param name="Directory">The volume's directory.</param>
/// <param name="Image">The sparse image file (enforced volumes).</param>
/// <param name="Mount">The mount point (enforced) or plain directory (unenforced): the volume's path.</param>
internal readonly record struct VolumePaths(string Directory, string Image, string Mount)
{
    /// <summary>The paths of volume <paramref name="name"/> under <paramref name="volumesDirectory"/>.</summary>
    public static VolumePaths For(string volumesDirectory, string name)
    {
        var directory = Path.Combine(volumesDirectory, name);
        return new VolumePaths(directory, Path.Combine(directory, "image"), Path.Combine(directory, "mnt"));
    }
}
