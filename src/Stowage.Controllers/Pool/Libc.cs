using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stowage.Controllers.Pool;

/// <summary>
/// The few libc calls the pool needs: <c>statvfs</c> (what <c>df</c> shows), <c>realpath</c>,
/// <c>fsync</c> of a directory (to make a rename durable), and — so that creating a volume spawns
/// no process — <c>mount</c>, <c>ioctl</c> (loop devices, the immutable attribute) and <c>lseek</c>
/// with SEEK_DATA/SEEK_HOLE. Linux on 64-bit targets only: the struct layouts are glibc's and
/// musl's for LP64 (x86-64, arm64), and the ioctl numbers are the generic ones both use.
/// </summary>
internal static class Libc
{
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

    // O_RDONLY. O_DIRECTORY differs between x86-64 (0x10000) and arm64 (0x4000); opening a
    // directory read-only works without it, so it is left out rather than guessed per architecture.
    private const int ReadOnly = 0;

    // O_RDWR and O_CLOEXEC (the same on x86-64 and arm64).
    internal const int ReadWrite = 2;
    internal const int CloseOnExec = 0x80000;

    [DllImport("libc", EntryPoint = "statvfs", SetLastError = true)]
    private static extern int NativeStatVfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out StatVfs buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    private static extern int NativeMount([MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string target,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string type, ulong flags, [MarshalAs(UnmanagedType.LPUTF8Str)] string data);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlValue(int fd, ulong request, nint argument);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlBuffer(int fd, ulong request, byte[] argument);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlInt(int fd, ulong request, ref int argument);

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static extern long Seek(int fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int NativeFsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int NativeClose(int fd);

    /// <summary>open(2); throws with errno's text on failure.</summary>
    public static int Open(string path, int flags)
    {
        var fd = NativeOpen(path, flags | CloseOnExec);
        return fd >= 0 ? fd : throw Error("open " + path);
    }

    /// <summary>close(2), ignoring errors (the descriptors closed here were only read or ioctl'd).</summary>
    public static void Close(int fd) => _ = NativeClose(fd);

    /// <summary>mount(2) of a filesystem, as <c>mount -t TYPE -o DATA SOURCE TARGET</c> does it.</summary>
    /// <exception cref="CommandFailedException">The kernel refused, with errno's text (as mount(8) would have failed).</exception>
    public static void Mount(string source, string target, string type, string data)
    {
        if (NativeMount(source, target, type, 0, data) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new CommandFailedException($"mount -t {type} -o {data} {source} {target}", errno, new Win32Exception(errno).Message);
        }
    }

    /// <summary>An <see cref="IOException"/> for the last P/Invoke's errno.</summary>
    public static IOException Error(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {new Win32Exception(errno).Message}", errno);
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
    /// realpath(3): the absolute path of an existing <paramref name="path"/> with every symbolic link
    /// resolved — the form the kernel shows in <c>/proc/self/mountinfo</c>.
    /// </summary>
    public static string RealPath(string path)
    {
        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"realpath {path}: {new Win32Exception(errno).Message}", errno);
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? path;
        }
        finally
        {
            NativeFree(resolved);
        }
    }

    /// <summary>
    /// fsync(2) of a directory, so that a rename inside it survives a power loss. Best effort: a
    /// filesystem that cannot fsync directories still got the rename, which is atomic.
    /// </summary>
    public static void SyncDirectory(string path)
    {
        var fd = NativeOpen(path, ReadOnly);
        if (fd < 0)
        {
            return;
        }
        _ = NativeFsync(fd);
        _ = NativeClose(fd);
    }
}
