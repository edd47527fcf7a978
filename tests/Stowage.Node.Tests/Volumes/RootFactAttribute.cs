namespace Stowage.Node.Tests.Volumes;

/// <summary>
/// A test that mounts (tmpfs, bind): it needs Linux and root, and is skipped with that reason
/// otherwise (never silently passed). On the development machine and in CI it runs.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "mounts need Linux";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "mounts need root: run the tests as root";
        }
    }
}
