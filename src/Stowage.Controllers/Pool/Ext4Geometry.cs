using System.Globalization;

namespace Stowage.Controllers.Pool;

/// <summary>
/// The layout of an ext4 filesystem, read from <c>dumpe2fs -h</c>, and what growing it costs: the
/// block count that gives a wanted usable size (what statvfs and <c>df</c> report), so that an
/// expanded volume's <c>df</c> shows the new size rather than the new size plus a guess.
/// </summary>
/// <remarks>
/// <para>Growing adds block groups. Each new group brings its inode table and two bitmaps; each new
/// group that holds a backup superblock (groups 0, 1 and powers of 3, 5 and 7 with sparse_super)
/// also brings a copy of the superblock and of the group descriptor blocks, including those
/// reserved for growth. The journal and everything already allocated stay as they are. So the
/// usable size after growing from B to B' blocks is the usable size now, plus B' − B, minus that
/// metadata of the groups added — exact as long as the reserved descriptor blocks last (1024-fold
/// growth from mkfs). resize2fs drops a last group too small to be useful (under its metadata plus
/// 50 blocks); the block count chosen never ends in such a group.</para>
/// </remarks>
/// <param name="BlockSize">Bytes per block.</param>
/// <param name="BlockCount">Blocks in the filesystem now.</param>
/// <param name="BlocksPerGroup">Blocks per block group.</param>
/// <param name="InodeBlocksPerGroup">Blocks of inode table per group.</param>
/// <param name="DescriptorBlocks">Group descriptor blocks now, plus those reserved for growth.</param>
/// <param name="SparseSuper">Whether only some groups hold backup superblocks.</param>
/// <param name="OverheadBlocks">The metadata blocks statvfs leaves out, when the superblock records
/// them (mkfs.ext4 from e2fsprogs 1.46.5 does; resize2fs clears the field and the kernel then
/// computes it at mount).</param>
internal sealed record Ext4Geometry(long BlockSize, long BlockCount, long BlocksPerGroup, long InodeBlocksPerGroup, long DescriptorBlocks, bool SparseSuper, long? OverheadBlocks)
{
    /// <summary>Reads the fields this class needs from <c>dumpe2fs -h</c> output.</summary>
    public static Ext4Geometry Parse(string dumpe2fs)
    {
        var fields = dumpe2fs.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1].Trim(), StringComparer.Ordinal);
        long Number(string name, long? fallback = null) =>
            fields.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : fallback ?? throw new FormatException($"dumpe2fs printed no \"{name}\"");

        var blockSize = Number("Block size");
        var blockCount = Number("Block count");
        var blocksPerGroup = Number("Blocks per group");
        var descriptorSize = Number("Group descriptor size", 32);
        var groups = (blockCount + blocksPerGroup - 1) / blocksPerGroup;
        var descriptorBlocks = (groups * descriptorSize + blockSize - 1) / blockSize + Number("Reserved GDT blocks", 0);
        var features = fields.GetValueOrDefault("Filesystem features", "").Split(' ');
        var overhead = Number("Overhead clusters", 0);
        return new Ext4Geometry(blockSize, blockCount, blocksPerGroup, Number("Inode blocks per group"), descriptorBlocks,
            features.Contains("sparse_super") && !features.Contains("sparse_super2"),
            overhead > 0 ? overhead : null);
    }

    /// <summary>
    /// The block count at which the filesystem, now <paramref name="usableBlocks"/> usable, has at least
    /// <paramref name="wantedUsableBlocks"/> usable — the smallest such count, except where that would
    /// end in a group resize2fs would drop.
    /// </summary>
    public long BlocksFor(long usableBlocks, long wantedUsableBlocks)
    {
        if (usableBlocks >= wantedUsableBlocks)
        {
            return BlockCount;
        }
        var blocks = BlockCount + (wantedUsableBlocks - usableBlocks);
        for (var usable = UsableAt(usableBlocks, blocks); usable < wantedUsableBlocks; usable = UsableAt(usableBlocks, blocks))
        {
            blocks += wantedUsableBlocks - usable;
        }
        var remainder = blocks % BlocksPerGroup;
        var lastGroup = blocks / BlocksPerGroup;
        if (lastGroup > 0 && remainder != 0 && remainder < GroupMetadata(lastGroup) + 50)
        {
            blocks += GroupMetadata(lastGroup) + 50 - remainder;
        }
        return blocks;
    }

    /// <summary>The usable blocks after growing to <paramref name="blocks"/>, from <paramref name="usableBlocks"/> now.</summary>
    public long UsableAt(long usableBlocks, long blocks)
    {
        var usable = usableBlocks + (blocks - BlockCount);
        for (var group = Groups(BlockCount); group < Groups(blocks); group++)
        {
            usable -= GroupMetadata(group);
        }
        return usable;
    }

    /// <summary>
    /// Byte offsets of the superblock and its backups (groups 0, 1 and powers of 3, 5 and 7 with
    /// sparse_super; every group without). Valid for block sizes above 1 KiB, where group 0 starts
    /// at block 0 and the primary copy sits 1 KiB into it.
    /// </summary>
    public IEnumerable<long> SuperblockOffsets()
    {
        yield return 1024;
        for (var group = 1L; group < Groups(BlockCount); group++)
        {
            if (HasBackup(group))
            {
                yield return group * BlocksPerGroup * BlockSize;
            }
        }
    }

    private long Groups(long blocks) => (blocks + BlocksPerGroup - 1) / BlocksPerGroup;

    private long GroupMetadata(long group) =>
        InodeBlocksPerGroup + 2 + (HasBackup(group) ? 1 + DescriptorBlocks : 0);

    private bool HasBackup(long group) =>
        !SparseSuper || group <= 1 || IsPowerOf(group, 3) || IsPowerOf(group, 5) || IsPowerOf(group, 7);

    private static bool IsPowerOf(long value, long radix)
    {
        while (value % radix == 0)
        {
            value /= radix;
        }
        return value == 1;
    }
}
