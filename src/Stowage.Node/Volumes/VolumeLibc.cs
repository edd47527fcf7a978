using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stowage.Node.Volumes;

/// <summary>
/// The libc calls the volume code makes directly rather than through mount(8): tmpfs and bind
/// mounts (no helper is involved, and errno is more precise than mount's exit code), umount2 with
/// the lazy fallback, statvfs for usage and realpath for comparing paths with
/// <c>/proc/self/mountinfo</c>. Linux LP64 (x86-64, arm64) layouts only.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class VolumeLibc
{
    /// <summary>MS_RDONLY.</summary>
    public const ulong ReadOnlyFlag = 1;

    /// <summary>MS_BIND.</summary>
    public const ulong BindFlag = 4096;

    private const int Detach = 2; // MNT_DETACH
    private const int NotMounted = 22; // EINVAL: not a mount point
    private const int NoSuchFile = 2; // ENOENT

    /// <summary>The LP64 <c>struct statvfs</c>: eleven unsigned longs then six ints of padding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct StatVfs
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong NameMax;
        public int Spare0;
        public int Spare1;
        public int Spare2;
        public int Spare3;
        public int Spare4;
        public int Spare5;
    }

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    private static extern int NativeMount(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string source,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string target,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? fileSystemType,
        ulong flags,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? data);

    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    private static extern int NativeUnmount([MarshalAs(UnmanagedType.LPUTF8Str)] string target, int flags);

    [DllImport("libc", EntryPoint = "statvfs", SetLastError = true)]
    private static extern int NativeStatVfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out StatVfs buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    /// <summary>mount(2); throws with errno's text (e.g. "Operation not permitted") on failure.</summary>
    public static void Mount(string source, string target, string? fileSystemType, ulong flags, string? data)
    {
        if (NativeMount(source, target, fileSystemType, flags, data) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(new Win32Exception(errno).Message, errno);
        }
    }

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

    /// <summary>statvfs(3) of <paramref name="path"/>; throws with errno's text on failure.</summary>
    public static StatVfs StatFileSystem(string path)
    {
        if (NativeStatVfs(path, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"statvfs {path}: {new Win32Exception(errno).Message}", errno);
        }
        return buffer;
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

    /// <summary>realpath(3) of an existing path, or null when it does not resolve.</summary>
    public static string? RealPath(string path)
    {
        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeFree(resolved);
        }
    }
}
