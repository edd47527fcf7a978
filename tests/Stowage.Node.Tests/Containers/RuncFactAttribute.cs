using Stowage.Node.Containers;

namespace Stowage.Node.Tests.Containers;

/// <summary>
/// A test that runs real runc containers: it needs Linux, root, runc and a static /bin/busybox. Where one is
/// missing the test is skipped with that reason (never silently passed); scripts/test.sh installs runc and busybox-static.
/// </summary>
public sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        var missing = !OperatingSystem.IsLinux() ? "not Linux"
            : RuncRuntime.WhyUnavailable()
              ?? (File.Exists("/bin/busybox") ? null : "no /bin/busybox (apt-get install busybox-static)");
        if (missing is not null)
        {
            Skip = "needs real containers: " + missing;
        }
    }
}
