using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stowage.Node.Volumes;

/// <summary>
/// The libc calls only the volume code makes: umount2 with the lazy fallback, statx for a path's
/// type and rename of a symbolic link. Its mounts (tmpfs and bind mounts: no helper is involved,
/// and errno is more precise than mount's exit code), statvfs and realpath are
/// <see cref="Stowage.Runtime.Linux.FileSystemCalls"/>, shared with the storage pool.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class VolumeLibc
{
    private const int Detach = 2; // MNT_DETACH
    private const int NotMounted = 22; // EINVAL: not a mount point
    private const int NoSuchFile = 2; // ENOENT

    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    private static extern int NativeUnmount([MarshalAs(UnmanagedType.LPUTF8Str)] string target, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    /// <summary>
    /// Unmounts <paramref name="target"/>; when it is busy, detaches it lazily (the kernel finishes
    /// once the last user is gone, and the path is free at once). Not mounted is not an error.
    /// </summary>
    public static void Unmount(string target)
    {
        if (NativeUnmount(target, 0) == 0)
        {
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (errno is NotMounted or NoSuchFile)
        {
            return;
        }
        if (NativeUnmount(target, Detach) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (errno is NotMounted or NoSuchFile)
            {
                return;
            }
            throw new IOException($"umount {target}: {new Win32Exception(errno).Message}", errno);
        }
    }

    /// <summary>
    /// The file type bits (S_IFMT) of <paramref name="path"/>, following symbolic links, or null when
    /// nothing is there. statx is used because its layout, unlike struct stat's, is the same on every
    /// architecture: stx_mode is the 16 bits at offset 28.
    /// </summary>
    public static int? FileType(string path)
    {
        const int CurrentDirectory = -100; // AT_FDCWD
        const uint TypeAndMode = 0x3; // STATX_TYPE | STATX_MODE
        var buffer = new byte[256];
        if (NativeStatx(CurrentDirectory, path, 0, TypeAndMode, buffer) != 0)
        {
            return null;
        }
        return BitConverter.ToUInt16(buffer, 28) & 0xF000;
    }

    /// <summary>
    /// rename(2): atomically replaces <paramref name="to"/>. Used for symbolic links to
    /// directories, which File.Move refuses (it wants a file at the source).
    /// </summary>
    public static void Rename(string from, string to)
    {
        if (NativeRename(from, to) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"rename {from} {to}: {new Win32Exception(errno).Message}", errno);
        }
    }
}
