using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// A test that needs the real kernel: root, loop devices and e2fsprogs. Where one is missing the
/// test is skipped with that reason (never silently passed); on the development machine and in CI
/// (root, and scripts/test.sh installs e2fsprogs) they all run.
/// </summary>
public sealed class EnforcedFactAttribute : FactAttribute
{
    public EnforcedFactAttribute()
    {
        var missing = MissingRequirement();
        if (missing is not null)
        {
            Skip = "needs loop devices and ext4: " + missing;
        }
    }

    private static string? MissingRequirement()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }
        if (!Environment.IsPrivilegedProcess)
        {
            return "not running as root";
        }
        if (!File.Exists("/dev/loop-control"))
        {
            return "/dev/loop-control is missing";
        }
        foreach (var tool in new[] { "losetup", "mkfs.ext4", "e2fsck", "resize2fs", "dumpe2fs", "mount", "umount" })
        {
            if (CommandRunner.Find(tool) is null)
            {
                return tool + " is not installed";
            }
        }
        return null;
    }
}
