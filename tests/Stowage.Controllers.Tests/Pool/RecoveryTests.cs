using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// What opening a pool does with what a crash or a reboot left on disk: half-created volumes are
/// removed without a trace, created volumes come back at the same path with their data.
/// </summary>
public sealed class RecoveryTests
{
    private const long MiB = 1024 * 1024;
    private const string Name = "pvc-9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19";

    public static TheoryData<string> Steps() => new(Enum.GetNames<CreateStep>());

    [EnforcedTheory]
    [MemberData(nameof(Steps))]
    public async Task A_crash_during_creation_leaves_nothing_after_the_pool_reopens(string step)
    {
        var crashAt = Enum.Parse<CreateStep>(step);
        await using var test = await TestPool.OpenAsync();
        var crashing = await test.ReopenAsync(TestPool.Options(test.Directory) with
        {
            AfterCreateStep = (reached, _) => reached == crashAt ? throw new SimulatedCrashException() : Task.CompletedTask,
        });
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.CreateAsync(Name, 64 * MiB, CancellationToken.None));

        var pool = await test.ReopenAsync(TestPool.Options(test.Directory));

        Assert.Null(pool.Get(Name));
        Assert.Empty(pool.ListVolumeNames());
        Assert.Equal(0, pool.Capacity.ProvisionedBytes);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(test.Directory, "volumes")));
        Assert.Empty(Kernel.MountsUnder(test.Directory));
        Assert.Empty(await Kernel.LoopDevicesLeftUnderAsync(test.Directory));
        // The caller's retry creates the volume from scratch.
        var volume = await pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        Assert.Equal([volume.Path], Kernel.MountsUnder(test.Directory));
    }

    [EnforcedFact]
    public async Task A_restarted_process_finds_its_volumes_still_mounted_on_the_same_loop_devices()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);

        var pool = await test.ReopenAsync();

        Assert.Equal(volume, pool.Get(Name));
        Assert.Equal([volume.LoopDevice!], await Kernel.LoopDevicesUnderAsync(test.Directory));
        Assert.Equal([volume.Path], Kernel.MountsUnder(test.Directory));
    }

    [EnforcedFact]
    public async Task After_a_reboot_the_pool_reattaches_and_remounts_volumes_with_their_data()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(volume.Path, "keep"), "data");
        // A reboot: nothing is mounted and no loop device holds the image.
        await Kernel.RunAsync("umount", volume.Path);
        await Kernel.RunAsync("losetup", "-d", volume.LoopDevice!);

        // Until the pool is back, the volume's path refuses writes rather than filling the pool's disk.
        Assert.ThrowsAny<Exception>(() => File.WriteAllText(Path.Combine(volume.Path, "lost"), "x"));
        var pool = await test.ReopenAsync();

        var back = pool.Get(Name);
        Assert.NotNull(back);
        Assert.Equal(volume.Path, back.Path);
        Assert.Null(back.Problem);
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(volume.Path, "keep")));
        Assert.Equal(64 * MiB, (await pool.UsageAsync(Name, CancellationToken.None)).CapacityBytes);
    }

    [EnforcedFact]
    public async Task A_volume_whose_image_is_gone_is_reported_not_deleted()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await Kernel.RunAsync("umount", volume.Path);
        await Kernel.RunAsync("losetup", "-d", volume.LoopDevice!);
        File.Delete(Path.Combine(Path.GetDirectoryName(volume.Path)!, "image"));

        var pool = await test.ReopenAsync();

        Assert.Contains("is missing", pool.Get(Name)!.Problem, StringComparison.Ordinal);
        Assert.Equal([Name], pool.ListVolumeNames());
    }

    [EnforcedFact]
    public async Task An_interrupted_deletion_is_finished_when_the_pool_reopens()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        var directory = Path.GetDirectoryName(volume.Path)!;
        var state = await VolumeStateFile.ReadAsync(directory, CancellationToken.None);
        await VolumeStateFile.WriteAsync(directory, state! with { Phase = VolumeStatePhase.Deleting }, CancellationToken.None);

        var pool = await test.ReopenAsync();

        Assert.Null(pool.Get(Name));
        Assert.False(Directory.Exists(directory));
        Assert.Empty(Kernel.MountsUnder(test.Directory));
        Assert.Empty(await Kernel.LoopDevicesLeftUnderAsync(test.Directory));
    }
}
