namespace Stowage.Node.Tests.Images;

/// <summary>A test that needs the host's static /bin/busybox (scripts/test.sh installs busybox-static); skipped with the reason otherwise.</summary>
public sealed class BusyboxFactAttribute : FactAttribute
{
    public BusyboxFactAttribute()
    {
        if (!File.Exists("/bin/busybox"))
        {
            Skip = "needs /bin/busybox (apt-get install busybox-static)";
        }
    }
}
