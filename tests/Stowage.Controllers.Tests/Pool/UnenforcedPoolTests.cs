using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// A pool of plain directories (no root, no loop devices, or asked for): it says that sizes are
/// not enforced, and still counts them.
/// </summary>
public sealed class UnenforcedPoolTests
{
    private const long MiB = 1024 * 1024;
    private const string Name = "pvc-1a2b3c4d-5e6f-4a8b-9c0d-e1f2a3b4c5d6";

    [Fact]
    public async Task An_unenforced_pool_says_so_and_uses_plain_directories()
    {
        await using var test = await TestPool.OpenAsync(capacityBytes: 100 * MiB, forceUnenforced: true);

        var volume = await test.Pool.CreateAsync(Name, 10 * MiB, CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(volume.Path, "two"), new byte[2 * MiB]);
        var usage = await test.Pool.UsageAsync(Name, CancellationToken.None);

        Assert.Equal(PoolMode.Unenforced, test.Pool.Mode);
        Assert.Equal("sizes are not enforced: plain directories were asked for (ForceUnenforced)", test.Pool.ModeReason);
        Assert.Equal(new PoolVolume(Name, Path.Combine(test.Directory, "volumes", Name, "mnt"), 10 * MiB, PoolMode.Unenforced, null), volume);
        Assert.Empty(Kernel.MountsUnder(test.Directory));
        Assert.Equal(new VolumeUsage(10 * MiB, 2 * MiB, 8 * MiB, null, null, null, Exact: false), usage);
    }

    [Fact]
    public async Task An_unenforced_pool_still_refuses_what_does_not_fit()
    {
        await using var test = await TestPool.OpenAsync(capacityBytes: 100 * MiB, forceUnenforced: true);
        await test.Pool.CreateAsync("pvc-a", 60 * MiB, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PoolFullException>(() => test.Pool.CreateAsync("pvc-b", 50 * MiB, CancellationToken.None));

        Assert.Equal($"pool \"{test.Directory}\" has 40Mi free of 100Mi; cannot provision 50Mi (overcommit ratio 1)", error.Message);
    }

    [Fact]
    public async Task An_unenforced_volume_expands_scrubs_deletes_and_survives_a_reopen()
    {
        await using var test = await TestPool.OpenAsync(forceUnenforced: true);
        var volume = await test.Pool.CreateAsync(Name, 10 * MiB, CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(volume.Path, "dir"));
        await File.WriteAllTextAsync(Path.Combine(volume.Path, "dir", "file"), "data");

        var expanded = await test.Pool.ExpandAsync(Name, 20 * MiB, CancellationToken.None);
        var pool = await test.ReopenAsync();
        var reopened = pool.Get(Name);
        await pool.ScrubAsync(Name, CancellationToken.None);
        var scrubbed = Directory.EnumerateFileSystemEntries(volume.Path).ToList();
        await pool.DeleteAsync(Name, CancellationToken.None);

        Assert.Equal(ExpandKind.Recorded, expanded.Kind);
        Assert.Equal(volume with { SizeBytes = 20 * MiB }, reopened);
        Assert.Empty(scrubbed);
        Assert.False(Directory.Exists(Path.GetDirectoryName(volume.Path)));
        Assert.Empty(pool.ListVolumeNames());
    }
}
