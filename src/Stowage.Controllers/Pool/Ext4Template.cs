using System.Buffers.Binary;
using System.Numerics;
using Microsoft.Win32.SafeHandles;

namespace Stowage.Controllers.Pool;

/// <summary>
/// A freshly formatted ext4 image of one size, held in memory as its non-zero blocks, so that a
/// new volume of that size is a copy instead of a run of mkfs.ext4.
/// </summary>
/// <remarks>
/// <para>A fresh ext4 image is almost all holes and zeros: for a 16Mi volume, 48 KiB of superblock,
/// descriptors, bitmaps, the root directory, lost+found and the journal's header; the inode tables
/// are initialised lazily by the kernel (as after mkfs) and the zeroed journal stays a hole, which
/// reads as zeros. Writing those blocks into a new sparse file gives, byte for byte, the image
/// mkfs would have made — except that every copy would share mkfs's UUID.</para>
/// <para>So each copy gets a new UUID, written into every superblock copy with its checksum
/// recomputed (crc32c, as ext4 computes it). That touches nothing else because the template is
/// formatted with <c>metadata_csum_seed</c>: the seed of every other metadata checksum is stored in
/// the superblock rather than derived from the UUID (this is how <c>tune2fs -U</c> changes a mounted
/// filesystem's UUID). <c>e2fsck -f</c> finds such a copy clean.</para>
/// </remarks>
internal sealed class Ext4Template
{
    private const int BlockSize = 4096;
    private const int SuperblockBytes = 1024;
    private const int MagicOffset = 0x38;
    private const ushort Magic = 0xEF53;
    private const int IncompatibleFeaturesOffset = 0x60;
    private const int ReadOnlyFeaturesOffset = 0x64;
    private const int UuidOffset = 0x68;
    private const int ChecksumOffset = 0x3FC;
    private const uint MetadataChecksum = 0x400;   // RO_COMPAT_METADATA_CSUM
    private const uint ChecksumSeed = 0x2000;      // INCOMPAT_CSUM_SEED
    private const int SeekData = 3;
    private const int SeekHole = 4;

    private readonly IReadOnlyList<(long Offset, byte[] Bytes)> _blocks;
    private readonly IReadOnlyList<(long Offset, byte[] Bytes)> _superblocks;

    private Ext4Template(long imageBytes, IReadOnlyList<(long, byte[])> blocks, IReadOnlyList<(long, byte[])> superblocks)
    {
        ImageBytes = imageBytes;
        _blocks = blocks;
        _superblocks = superblocks;
    }

    /// <summary>The image's size.</summary>
    public long ImageBytes { get; }

    /// <summary>Bytes of non-zero data a copy writes.</summary>
    public long DataBytes => _blocks.Sum(b => (long)b.Bytes.Length);

    /// <summary>
    /// Reads the non-zero 4 KiB blocks of the formatted image <paramref name="file"/>, or returns null
    /// when a copy could not be given its own UUID (no <c>metadata_csum_seed</c>, no superblock where
    /// <paramref name="geometry"/> says) or holds more than <paramref name="maximumDataBytes"/>.
    /// </summary>
    public static Ext4Template? Read(string file, Ext4Geometry geometry, long maximumDataBytes)
    {
        if (geometry.BlockSize != BlockSize)
        {
            return null;
        }
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read);
        var size = RandomAccess.GetLength(handle);
        var blocks = new List<(long, byte[])>();
        long data = 0;
        foreach (var (start, end) in DataRanges(handle, size))
        {
            for (var offset = start / BlockSize * BlockSize; offset < end; offset += BlockSize)
            {
                var block = new byte[BlockSize];
                var read = RandomAccess.Read(handle, block, offset);
                if (block.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    blocks.Add((offset, block));
                    data += BlockSize;
                    if (data > maximumDataBytes)
                    {
                        return null;
                    }
                }
            }
        }

        var superblocks = new List<(long, byte[])>();
        foreach (var offset in geometry.SuperblockOffsets())
        {
            var superblock = new byte[SuperblockBytes];
            if (RandomAccess.Read(handle, superblock, offset) != SuperblockBytes
                || BinaryPrimitives.ReadUInt16LittleEndian(superblock.AsSpan(MagicOffset)) != Magic)
            {
                return null;
            }
            var readOnly = BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(ReadOnlyFeaturesOffset));
            var incompatible = BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(IncompatibleFeaturesOffset));
            if ((readOnly & MetadataChecksum) != 0 && (incompatible & ChecksumSeed) == 0)
            {
                return null;
            }
            superblocks.Add((offset, superblock));
        }
        return new Ext4Template(size, blocks, superblocks);
    }

    /// <summary>
    /// Writes a copy with its own UUID to the new file <paramref name="path"/> (sparse, at
    /// <see cref="ImageBytes"/>) and flushes it to disk, so that the filesystem survives a power loss
    /// once the volume is recorded ready.
    /// </summary>
    public void WriteImage(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        RandomAccess.SetLength(handle, ImageBytes);
        foreach (var (offset, bytes) in _blocks)
        {
            RandomAccess.Write(handle, bytes, offset);
        }
        var uuid = Guid.NewGuid().ToByteArray(bigEndian: true); // RFC 4122 byte order, as ext4 stores it
        foreach (var (offset, original) in _superblocks)
        {
            var superblock = (byte[])original.Clone();
            uuid.CopyTo(superblock, UuidOffset);
            if ((BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(ReadOnlyFeaturesOffset)) & MetadataChecksum) != 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(superblock.AsSpan(ChecksumOffset), Crc32C(superblock.AsSpan(0, ChecksumOffset)));
            }
            RandomAccess.Write(handle, superblock, offset);
        }
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>ext4's crc32c: seed ~0, no final inversion (the kernel's ext4_chksum).</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        foreach (var b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return crc;
    }

    // The file's data ranges (SEEK_DATA / SEEK_HOLE), so that its holes are never read.
    private static List<(long Start, long End)> DataRanges(SafeFileHandle handle, long size)
    {
        var ranges = new List<(long, long)>();
        var fd = (int)handle.DangerousGetHandle();
        for (long offset = 0; offset < size;)
        {
            var start = Libc.Seek(fd, offset, SeekData);
            if (start < 0)
            {
                break; // ENXIO: no data after offset
            }
            var end = Libc.Seek(fd, start, SeekHole);
            if (end < 0)
            {
                end = size;
            }
            ranges.Add((start, end));
            offset = end;
        }
        return ranges;
    }
}
