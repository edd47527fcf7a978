using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// The growth model against numbers measured on a real filesystem: a 70 MiB image formatted as the
/// pool formats (17920 blocks, statvfs 16604 usable), grown offline to 76800 blocks, mounted with
/// statvfs reporting 74910 usable blocks.
/// </summary>
public sealed class Ext4GeometryTests
{
    private const string Dumpe2fs = """
        Filesystem features:      has_journal ext_attr resize_inode dir_index filetype extent 64bit flex_bg sparse_super large_file huge_file dir_nlink extra_isize metadata_csum
        Block count:              17920
        Reserved block count:     0
        Overhead clusters:        1316
        Block size:               4096
        Reserved GDT blocks:      8
        Blocks per group:         32768
        Inodes per group:         4480
        Inode blocks per group:   280
        Group descriptor size:    64
        """;

    [Fact]
    public void Growing_predicts_the_usable_blocks_the_kernel_reported()
    {
        var geometry = Ext4Geometry.Parse(Dumpe2fs);

        // Groups 1 (a backup group: superblock, descriptor and 8 reserved blocks) and 2 are added.
        Assert.Equal(74910, geometry.UsableAt(16604, 76800));
    }

    [Fact]
    public void The_block_count_for_a_wanted_size_is_the_smallest_that_holds_it()
    {
        var geometry = Ext4Geometry.Parse(Dumpe2fs);

        var blocks = geometry.BlocksFor(16604, 74910);

        Assert.Equal(76800, blocks);
        Assert.Equal(74909, geometry.UsableAt(16604, blocks - 1));
    }

    [Fact]
    public void A_size_already_reached_needs_no_growth()
    {
        var geometry = Ext4Geometry.Parse(Dumpe2fs);

        Assert.Equal(17920, geometry.BlocksFor(16604, 16000));
    }

    [Fact]
    public void The_block_count_never_ends_in_a_group_resize2fs_would_drop()
    {
        var geometry = Ext4Geometry.Parse(Dumpe2fs);

        // 10 usable blocks past two full groups would need a third group of barely its metadata.
        var wanted = geometry.UsableAt(16604, 2 * 32768) + 10;
        var blocks = geometry.BlocksFor(16604, wanted);

        Assert.True(blocks % 32768 >= 280 + 2 + 50, $"the last group has {blocks % 32768} blocks");
        Assert.True(geometry.UsableAt(16604, blocks) >= wanted);
    }
}
