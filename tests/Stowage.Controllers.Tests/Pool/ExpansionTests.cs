using System.Diagnostics;
using System.Text.RegularExpressions;
using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// Growing enforced volumes. Where the kernel refuses online growth (this development machine
/// lacks CAP_SYS_RESOURCE: resize2fs gets EPERM) the pool grows offline; where it allows it, online.
/// Each test expects what this kernel allows.
/// </summary>
public sealed class ExpansionTests
{
    private const long MiB = 1024 * 1024;
    private const string Name = "pvc-5e0c2b1a-0d9e-4f8a-b7c6-1a2b3c4d5e6f";

    [EnforcedFact]
    public async Task Expanding_64MiB_to_128MiB_keeps_the_data_and_shows_the_new_size()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await EnforcedVolumeTests.WriteFileAsync(Path.Combine(volume.Path, "old"), 40 * MiB);
        var checksum = await ChecksumAsync(Path.Combine(volume.Path, "old"));

        var result = await test.Pool.ExpandAsync(Name, 128 * MiB, CancellationToken.None);

        if (Kernel.CanGrowOnline())
        {
            Assert.Equal(ExpandKind.Online, result.Kind);
            Assert.Null(result.OnlineRefusal);
        }
        else
        {
            Assert.Equal(ExpandKind.Offline, result.Kind);
            Assert.Contains("Permission denied", result.OnlineRefusal, StringComparison.Ordinal);
            Assert.Equal(result.OnlineRefusal, test.Pool.OnlineExpansionRefusal);
        }
        Assert.Equal(volume with { SizeBytes = 128 * MiB }, result.Volume);
        Assert.Equal(result.Volume, test.Pool.Get(Name));
        Assert.Equal(checksum, await ChecksumAsync(Path.Combine(volume.Path, "old")));
        var usage = await test.Pool.UsageAsync(Name, CancellationToken.None);
        Assert.Equal(128 * MiB, usage.CapacityBytes);
        // 40 + 80 MiB did not fit before; it does now.
        await EnforcedVolumeTests.WriteFileAsync(Path.Combine(volume.Path, "new"), 80 * MiB);
    }

    [EnforcedFact]
    public async Task Expanding_1GiB_to_2GiB_across_backup_superblock_groups_gives_exactly_2GiB()
    {
        await using var test = await TestPool.OpenAsync();
        await test.Pool.CreateAsync(Name, 1024 * MiB, CancellationToken.None);

        var result = await test.Pool.ExpandAsync(Name, 2048 * MiB, CancellationToken.None);

        Assert.Equal(2048 * MiB, result.Volume.SizeBytes);
        Assert.Equal(2048 * MiB, (await test.Pool.UsageAsync(Name, CancellationToken.None)).CapacityBytes);
    }

    [EnforcedFact]
    public async Task Expanding_to_the_same_size_changes_nothing_and_shrinking_is_refused()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);

        var same = await test.Pool.ExpandAsync(Name, 64 * MiB, CancellationToken.None);
        var error = await Assert.ThrowsAsync<PoolException>(() => test.Pool.ExpandAsync(Name, 32 * MiB, CancellationToken.None));

        Assert.Equal(ExpandKind.Unchanged, same.Kind);
        Assert.Equal(volume, same.Volume);
        Assert.Equal($"volume {Name} is 64Mi; it cannot shrink to 32Mi", error.Message);
    }

    [EnforcedFact]
    public async Task A_volume_in_use_grows_offline_once_it_is_no_longer_used()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(volume.Path, "keep"), "data");

        ExpandResult whileInUse;
        var open = File.OpenRead(Path.Combine(volume.Path, "keep"));
        await using (open)
        {
            whileInUse = await test.Pool.ExpandAsync(Name, 128 * MiB, CancellationToken.None);
        }
        var afterwards = await test.Pool.ExpandAsync(Name, 128 * MiB, CancellationToken.None);

        if (Kernel.CanGrowOnline())
        {
            Assert.Equal(ExpandKind.Online, whileInUse.Kind);
            Assert.Equal(ExpandKind.Unchanged, afterwards.Kind);
        }
        else
        {
            Assert.Equal(ExpandKind.WaitingForUnmount, whileInUse.Kind);
            Assert.Equal(64 * MiB, whileInUse.Volume.SizeBytes);
            Assert.Equal(ExpandKind.Offline, afterwards.Kind);
        }
        Assert.Equal(128 * MiB, test.Pool.Get(Name)!.SizeBytes);
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(volume.Path, "keep")));
    }

    [EnforcedFact]
    public async Task A_volume_held_for_a_moment_by_a_new_mount_namespace_still_grows()
    {
        // Creating any container on the machine copies every mount into the container's new mount
        // namespace until it pivots into its root: meanwhile a filesystem unmounted here is still in
        // use there. unshare -m makes such a copy; it lets go when the pool first finds the device busy.
        Process? holder = null;
        var busy = new List<string>();
        await using var test = await TestPool.OpenAsync(configure: options => options with
        {
            OnBusy = async (what, _) =>
            {
                busy.Add(what);
                await Kernel.LetGoAsync(holder!);
            },
        });
        await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        holder = await Kernel.HoldMountsInNewNamespaceAsync();
        try
        {
            var result = await test.Pool.ExpandAsync(Name, 128 * MiB, CancellationToken.None);

            if (Kernel.CanGrowOnline())
            {
                Assert.Equal(ExpandKind.Online, result.Kind);
                Assert.Empty(busy);
            }
            else
            {
                Assert.Equal(ExpandKind.Offline, result.Kind);
                Assert.Matches("^/dev/loop[0-9]+$", Assert.Single(busy));
            }
            Assert.Equal(128 * MiB, (await test.Pool.UsageAsync(Name, CancellationToken.None)).CapacityBytes);
        }
        finally
        {
            await Kernel.LetGoAsync(holder);
            holder.Dispose();
        }
    }

    [EnforcedFact]
    public async Task An_expansion_past_the_free_space_is_refused_and_the_volume_kept()
    {
        await using var test = await TestPool.OpenAsync(capacityBytes: 100 * MiB);
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PoolFullException>(() => test.Pool.ExpandAsync(Name, 128 * MiB, CancellationToken.None));

        Assert.Matches($"^pool \"{Regex.Escape(test.Directory)}\" has 3[0-3](\\.\\d)?Mi free of 100Mi; cannot grow volume {Name} from 64Mi to 128Mi \\(13\\d(\\.\\d)?Mi with ext4's metadata; overcommit ratio 1\\)$", error.Message);
        Assert.Equal(volume, test.Pool.Get(Name));
    }

    [EnforcedFact]
    public async Task Reopening_the_pool_finishes_an_interrupted_expansion()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(volume.Path, "keep"), "data");
        // The state an expansion writes before touching the image: as if the process died right after.
        var directory = Path.GetDirectoryName(volume.Path)!;
        var state = await VolumeStateFile.ReadAsync(directory, CancellationToken.None);
        await VolumeStateFile.WriteAsync(directory, state! with
        {
            Phase = VolumeStatePhase.Expanding,
            TargetSizeBytes = 128 * MiB,
            TargetImageBytes = Ext4Tools.GrownImageBytes(state.ImageBytes, state.SizeBytes, 128 * MiB),
        }, CancellationToken.None);

        var pool = await test.ReopenAsync();

        Assert.Equal(volume with { SizeBytes = 128 * MiB }, pool.Get(Name));
        Assert.Equal(128 * MiB, (await pool.UsageAsync(Name, CancellationToken.None)).CapacityBytes);
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(volume.Path, "keep")));
    }

    private static async Task<string> ChecksumAsync(string path)
    {
        var file = File.OpenRead(path);
        await using (file)
        {
            return Convert.ToHexString(await System.Security.Cryptography.SHA256.HashDataAsync(file));
        }
    }
}
