using System.Runtime.InteropServices;
using System.Text;

namespace Stowage.Controllers.Pool;

/// <summary>
/// Attaching an image to a loop device and setting a directory's immutable attribute with ioctls,
/// as <c>losetup --find --show</c> and <c>chattr</c> do, without starting those processes: on a
/// 2-CPU node each spawned tool costs the .NET process several milliseconds of CPU, which was most
/// of what a volume create cost (bench/results/provisioning-2026-11-22-after.md).
/// </summary>
internal static class LoopDevices
{
    // linux/loop.h and linux/fs.h; the generic ioctl encoding, shared by x86-64 and arm64.
    private const ulong LoopCtlGetFree = 0x4C82;
    private const ulong LoopConfigure = 0x4C0A;
    private const ulong GetFlags = 0x80086601; // FS_IOC_GETFLAGS
    private const ulong SetFlags = 0x40086602; // FS_IOC_SETFLAGS
    private const int ImmutableFlag = 0x10;    // FS_IMMUTABLE_FL
    private const int Busy = 16;               // EBUSY: another attach took the device first
    private const int NotATypewriter = 25;     // ENOTTY
    private const int Invalid = 22;            // EINVAL

    // struct loop_config: u32 fd, u32 block_size, struct loop_info64 (232 bytes), u64 reserved[8].
    private const int ConfigBytes = 304;
    private const int FileNameOffset = 8 + 56;  // loop_info64.lo_file_name
    private const int FileNameBytes = 64;

    /// <summary>
    /// Attaches <paramref name="image"/> to a free loop device (LOOP_CTL_GET_FREE, then
    /// LOOP_CONFIGURE, retried when another attach wins the race for that device). Returns the
    /// device, or null when the kernel has no LOOP_CONFIGURE (before Linux 5.8): then the caller
    /// uses losetup.
    /// </summary>
    public static string? TryAttach(string image)
    {
        var config = new byte[ConfigBytes];
        var imageFd = Libc.Open(image, Libc.ReadWrite);
        try
        {
            BitConverter.TryWriteBytes(config.AsSpan(0, 4), imageFd);
            var name = Encoding.UTF8.GetBytes(image);
            name.AsSpan(0, Math.Min(name.Length, FileNameBytes - 1)).CopyTo(config.AsSpan(FileNameOffset));
            for (var attempt = 0; ; attempt++)
            {
                var control = Libc.Open("/dev/loop-control", Libc.ReadWrite);
                int number;
                try
                {
                    number = Libc.IoctlValue(control, LoopCtlGetFree, 0);
                    if (number < 0)
                    {
                        throw Libc.Error("LOOP_CTL_GET_FREE");
                    }
                }
                finally
                {
                    Libc.Close(control);
                }
                var device = "/dev/loop" + number;
                var deviceFd = Libc.Open(device, Libc.ReadWrite);
                try
                {
                    if (Libc.IoctlBuffer(deviceFd, LoopConfigure, config) == 0)
                    {
                        return device;
                    }
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is NotATypewriter or Invalid && attempt == 0)
                    {
                        return null;
                    }
                    if (errno != Busy || attempt == 64)
                    {
                        throw Libc.Error($"LOOP_CONFIGURE {device} with {image}");
                    }
                }
                finally
                {
                    Libc.Close(deviceFd);
                }
            }
        }
        finally
        {
            Libc.Close(imageFd);
        }
    }

    /// <summary>
    /// Sets or clears the immutable attribute of <paramref name="directory"/>; false where the
    /// filesystem has no such attribute (tmpfs) or refuses.
    /// </summary>
    public static bool TrySetImmutable(string directory, bool immutable)
    {
        int fd;
        try
        {
            fd = Libc.Open(directory, 0);
        }
        catch (IOException)
        {
            return false;
        }
        try
        {
            var flags = 0;
            if (Libc.IoctlInt(fd, GetFlags, ref flags) != 0)
            {
                return false;
            }
            var wanted = immutable ? flags | ImmutableFlag : flags & ~ImmutableFlag;
            return wanted == flags || Libc.IoctlInt(fd, SetFlags, ref wanted) == 0;
        }
        finally
        {
            Libc.Close(fd);
        }
    }
}
