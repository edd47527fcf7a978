using System.Runtime.InteropServices;

namespace Stowage.Node.Streaming;

/// <summary>The few libc calls a host pseudo-terminal needs (Linux, x86-64 and arm64 layouts).</summary>
internal static partial class NativeTerminal
{
    /// <summary>ioctl request that sets a terminal's window size (asm-generic/ioctls.h).</summary>
    public const uint TIOCSWINSZ = 0x5414;

    /// <summary>errno: interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>errno: I/O error (a pty master reads this once every slave is closed).</summary>
    public const int EIO = 5;

    /// <summary>SIGTERM.</summary>
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int openpty(out int master, out int slave, IntPtr name, IntPtr termios, IntPtr winsize);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, ref WindowSize size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, Span<byte> buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, ReadOnlySpan<byte> buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    /// <summary>struct winsize.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct WindowSize
    {
        /// <summary>Rows.</summary>
        public ushort Rows;

        /// <summary>Columns.</summary>
        public ushort Columns;

        /// <summary>Unused.</summary>
        public ushort XPixels;

        /// <summary>Unused.</summary>
        public ushort YPixels;
    }
}
