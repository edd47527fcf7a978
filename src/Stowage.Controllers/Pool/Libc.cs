using System.ComponentModel;
using System.Runtime.InteropServices;
using Stowage.Runtime.Linux;

namespace Stowage.Controllers.Pool;

/// <summary>
/// The libc calls only the pool needs: <c>fsync</c> of a directory (to make a rename durable), and —
/// so that creating a volume spawns no process — <c>mount</c> (over <see cref="FileSystemCalls"/>, which
/// also has the <c>statvfs</c> and <c>realpath</c> the pool uses), <c>ioctl</c> (loop devices, the
/// immutable attribute) and <c>lseek</c> with SEEK_DATA/SEEK_HOLE. Linux on 64-bit targets only: the struct layouts are glibc's and
/// musl's for LP64 (x86-64, arm64), and the ioctl numbers are the generic ones both use.
/// </summary>
internal static class Libc
{
    // O_RDONLY. O_DIRECTORY differs between x86-64 (0x10000) and arm64 (0x4000); opening a
    // directory read-only works without it, so it is left out rather than guessed per architecture.
    private const int ReadOnly = 0;

    // O_RDWR and O_CLOEXEC (the same on x86-64 and arm64).
    internal const int ReadWrite = 2;
    internal const int CloseOnExec = 0x80000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

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

    /// <summary>
    /// Whether the block device <paramref name="device"/> is free: opening it with O_EXCL fails with
    /// EBUSY while a filesystem on it is mounted in any mount namespace (what e2fsck and mkfs check).
    /// </summary>
    public static bool IsBlockDeviceFree(string device)
    {
        const int Exclusive = 0x80; // O_EXCL (the same on x86-64 and arm64)
        const int Busy = 16; // EBUSY
        var fd = NativeOpen(device, ReadOnly | Exclusive | CloseOnExec);
        if (fd >= 0)
        {
            _ = NativeClose(fd);
            return true;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno == Busy ? false : throw new IOException($"open {device}: {new Win32Exception(errno).Message}", errno);
    }

    /// <summary>close(2), ignoring errors (the descriptors closed here were only read or ioctl'd).</summary>
    public static void Close(int fd) => _ = NativeClose(fd);

    /// <summary>mount(2) of a filesystem, as <c>mount -t TYPE -o DATA SOURCE TARGET</c> does it.</summary>
    /// <exception cref="CommandFailedException">The kernel refused, with errno's text (as mount(8) would have failed).</exception>
    public static void Mount(string source, string target, string type, string data)
    {
        try
        {
            FileSystemCalls.Mount(source, target, type, 0, data);
        }
        catch (IOException e)
        {
            throw new CommandFailedException($"mount -t {type} -o {data} {source} {target}", e.HResult, e.Message);
        }
    }

    /// <summary>An <see cref="IOException"/> for the last P/Invoke's errno.</summary>
    public static IOException Error(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {new Win32Exception(errno).Message}", errno);
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
