using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// Volumes after the first of a size are copies of a template filesystem rather than fresh mkfs
/// runs; a copy must be indistinguishable from a fresh filesystem to the kernel and to e2fsck,
/// and have its own UUID.
/// </summary>
public sealed class TemplateCopyTests
{
    private const long MiB = 1024 * 1024;

    [EnforcedTheory]
    [InlineData(16)]
    [InlineData(1024)] // several block groups: backup superblocks get the new UUID too
    public async Task Volumes_copied_from_one_template_check_clean_and_have_their_own_uuids(long sizeMiB)
    {
        await using var test = await TestPool.OpenAsync();
        var first = await test.Pool.CreateAsync("pvc-first", sizeMiB * MiB, CancellationToken.None);
        var second = await test.Pool.CreateAsync("pvc-second", sizeMiB * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(second.Path, "data"), "kept");

        var uuids = new List<string>();
        foreach (var volume in new[] { first, second })
        {
            uuids.Add((await Kernel.RunAsync("blkid", "-p", "-s", "UUID", "-o", "value", volume.LoopDevice!)).StandardOutput.Trim());
            Assert.Equal(sizeMiB * MiB, Ext4Tools.FilesystemBytes(volume.Path));
        }
        Assert.DoesNotContain("", uuids);
        Assert.NotEqual(uuids[0], uuids[1]);

        await Kernel.RunAsync("umount", second.Path);
        await Kernel.RunAsync("e2fsck", "-f", "-n", second.LoopDevice!); // throws unless clean (exit 0)
        if (sizeMiB >= 1024)
        {
            // The backup in group 1 (block 32768) carries the copy's UUID, not the template's.
            var backup = await Kernel.RunAsync("dumpe2fs", "-h", "-o", "superblock=32768", "-o", "blocksize=4096", second.LoopDevice!);
            Assert.Contains(uuids[1], backup.StandardOutput, StringComparison.Ordinal);
        }
    }
}
