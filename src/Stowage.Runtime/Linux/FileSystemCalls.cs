using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stowage.Runtime.Linux;

/// <summary>
/// The libc calls that both the node's storage pool and its volume code make: <c>mount</c>,
/// <c>statvfs</c> (what <c>df</c> shows) and <c>realpath</c> (the form the kernel shows in
/// <c>/proc/self/mountinfo</c>). Linux on 64-bit targets only: the struct layout is glibc's and
/// musl's for LP64 (x86-64, arm64).
/// </summary>
public static class FileSystemCalls
{
    /// <summary>MS_RDONLY.</summary>
    public const ulong ReadOnlyFlag = 1;

    /// <summary>MS_BIND.</summary>
    public const ulong BindFlag = 4096;

    /// <summary>The LP64 <c>struct statvfs</c>: eleven unsigned longs then six ints of padding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StatVfs
    {
        /// <summary>f_bsize.</summary>
        public ulong BlockSize;
        /// <summary>f_frsize: the unit of the block counts.</summary>
        public ulong FragmentSize;
        /// <summary>f_blocks.</summary>
        public ulong Blocks;
        /// <summary>f_bfree.</summary>
        public ulong BlocksFree;
        /// <summary>f_bavail: free to unprivileged users.</summary>
        public ulong BlocksAvailable;
        /// <summary>f_files.</summary>
        public ulong Files;
        /// <summary>f_ffree.</summary>
        public ulong FilesFree;
        /// <summary>f_favail.</summary>
        public ulong FilesAvailable;
        /// <summary>f_fsid.</summary>
        public ulong FileSystemId;
        /// <summary>f_flag.</summary>
        public ulong Flags;
        /// <summary>f_namemax.</summary>
        public ulong NameMax;
        private int _spare0;
        private int _spare1;
        private int _spare2;
        private int _spare3;
        private int _spare4;
        private int _spare5;
    }

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    private static extern int NativeMount(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string source,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string target,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? fileSystemType,
        ulong flags,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? data);

    [DllImport("libc", EntryPoint = "statvfs", SetLastError = true)]
    private static extern int NativeStatVfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out StatVfs buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    /// <summary>mount(2); throws an <see cref="IOException"/> with errno's text (e.g. "Operation not permitted") and errno as its HResult.</summary>
    public static void Mount(string source, string target, string? fileSystemType, ulong flags, string? data)
    {
        if (NativeMount(source, target, fileSystemType, flags, data) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(new Win32Exception(errno).Message, errno);
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
    /// realpath(3): the absolute path of an existing <paramref name="path"/> with every symbolic link
    /// resolved; throws with errno's text when it does not resolve.
    /// </summary>
    public static string RealPath(string path) =>
        TryRealPath(path, out var errno) ?? throw new IOException($"realpath {path}: {new Win32Exception(errno).Message}", errno);

    /// <summary>realpath(3) of an existing path, or null when it does not resolve.</summary>
    public static string? TryRealPath(string path) => TryRealPath(path, out _);

    private static string? TryRealPath(string path, out int errno)
    {
        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? path;
        }
        finally
        {
            NativeFree(resolved);
        }
    }
}
