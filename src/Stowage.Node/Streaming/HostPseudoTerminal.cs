using System.Runtime.InteropServices;

namespace Stowage.Node.Streaming;

/// <summary>
/// A pseudo-terminal on the host (openpty). The agent gives the slave, by path, to
/// <c>setsid -c runc exec -t</c> as its controlling terminal; runc then allocates the container's own
/// pty inside the container, relays between the two in raw mode and forwards SIGWINCH — which the
/// kernel sends when the agent resizes the master — as a resize of the container's terminal.
/// (runc 1.1 accepts --console-socket only with -d, which would lose the exit code.)
/// </summary>
internal sealed class HostPseudoTerminal : IDisposable
{
    private int _master;
    private int _slave;

    private HostPseudoTerminal(int master, int slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
    }

    /// <summary>The slave's device path, e.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a new pair.</summary>
    public static HostPseudoTerminal Open()
    {
        if (NativeTerminal.openpty(out var master, out var slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new IOException($"openpty failed: errno {Marshal.GetLastPInvokeError()}");
        }
        var path = new FileInfo($"/proc/self/fd/{slave}").LinkTarget
            ?? throw new IOException("cannot resolve the pty slave's path");
        return new HostPseudoTerminal(master, slave, path);
    }

    /// <summary>Sets the window size (the process on the slave gets SIGWINCH).</summary>
    public void Resize(ushort columns, ushort rows)
    {
        var size = new NativeTerminal.WindowSize { Columns = columns, Rows = rows };
        _ = NativeTerminal.ioctl(_master, NativeTerminal.TIOCSWINSZ, ref size);
    }

    /// <summary>
    /// Closes the agent's own slave descriptor. Call once the child has exited: while any slave
    /// descriptor is open the master never reports end of file, and before the child opened it a
    /// read would end at once.
    /// </summary>
    public void CloseSlave()
    {
        var fd = Interlocked.Exchange(ref _slave, -1);
        if (fd >= 0)
        {
            NativeTerminal.close(fd);
        }
    }

    /// <summary>Blocking read from the master; 0 at end (EIO once every slave is closed).</summary>
    public int Read(Span<byte> buffer)
    {
        while (true)
        {
            var n = NativeTerminal.read(_master, buffer, (nuint)buffer.Length);
            if (n >= 0)
            {
                return (int)n;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno == NativeTerminal.EINTR)
            {
                continue;
            }
            return 0; // EIO: the terminal hung up
        }
    }

    /// <summary>Blocking write of all bytes to the master (the terminal's input).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var n = NativeTerminal.write(_master, data, (nuint)data.Length);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == NativeTerminal.EINTR)
                {
                    continue;
                }
                throw new IOException($"write to pty failed: errno {Marshal.GetLastPInvokeError()}");
            }
            data = data[(int)n..];
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CloseSlave();
        var fd = Interlocked.Exchange(ref _master, -1);
        if (fd >= 0)
        {
            NativeTerminal.close(fd);
        }
    }
}
