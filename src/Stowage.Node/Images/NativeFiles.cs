using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stowage.Node.Images;

/// <summary>The file operations .NET lacks: hard links and ownership of links themselves.</summary>
internal static partial class NativeFiles
{
    /// <summary>Makes <paramref name="path"/> a hard link to <paramref name="existing"/>.</summary>
    public static void HardLink(string existing, string path)
    {
        if (link(existing, path) != 0)
        {
            throw new IOException($"cannot link {path} to {existing}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
    }

    /// <summary>Sets owner and group without following a symbolic link (best effort: only root may give files away).</summary>
    public static bool TryChown(string path, int uid, int gid) => lchown(path, uid, gid) == 0;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lchown(string path, int owner, int group);
}
