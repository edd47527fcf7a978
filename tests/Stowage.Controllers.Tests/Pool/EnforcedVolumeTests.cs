using System.Text;
using System.Text.RegularExpressions;
using Stowage.Controllers.Pool;
using Xunit.Abstractions;

namespace Stowage.Controllers.Tests.Pool;

/// <summary>
/// Volumes of an enforced pool on the real kernel: sparse image, loop device, ext4. Sizes are
/// checked as a user sees them — a write that fails, what <c>df</c> prints.
/// </summary>
public sealed class EnforcedVolumeTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private const string Name = "pvc-0b9a6c1e-1f2d-4c3b-9a8e-7d6c5b4a3f21";

    [EnforcedFact]
    public async Task Opening_a_pool_as_root_with_loop_devices_enforces_sizes()
    {
        await using var test = await TestPool.OpenAsync();

        Assert.Equal(PoolMode.Enforced, test.Pool.Mode);
        Assert.StartsWith("sizes are enforced", test.Pool.ModeReason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(test.Directory, ".probe")), "the probe volume is cleaned up");
    }

    [EnforcedFact]
    public async Task A_64MiB_volume_refuses_writes_past_its_size()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);

        long written = 0;
        var chunk = new byte[MiB];
        Random.Shared.NextBytes(chunk);
        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            var file = new FileStream(Path.Combine(volume.Path, "fill"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            await using (file)
            {
                for (var i = 0; i < 100; i++)
                {
                    await file.WriteAsync(chunk);
                    written += chunk.Length;
                }
            }
        });

        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        // The filesystem is exactly 64MiB (see the df test). Of that, ext4 keeps min(2 %, 16MiB) for
        // its own use when full (1.3MiB here), so the file stops between 62MiB and 64MiB.
        var length = new FileInfo(Path.Combine(volume.Path, "fill")).Length;
        Assert.InRange(length, 62 * MiB, 64 * MiB);
        Assert.InRange(written, 62 * MiB, 64 * MiB);
        output.WriteLine($"the file reached {length} bytes before ENOSPC");
        output.WriteLine((await Kernel.RunAsync("df", "-B1", volume.Path)).StandardOutput);
    }

    [EnforcedFact]
    public async Task Df_inside_a_64MiB_volume_shows_64MiB()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);

        var usage = await test.Pool.UsageAsync(Name, CancellationToken.None);
        var df = await Kernel.RunAsync("df", "-B1", "--output=size,used,avail", volume.Path);
        var human = await Kernel.RunAsync("df", "-h", volume.Path);
        output.WriteLine(human.StandardOutput);

        // No tolerance: the image is fitted until the filesystem is exactly the size asked for.
        Assert.Equal(64 * MiB, usage.CapacityBytes);
        Assert.True(usage.Exact);
        var numbers = df.StandardOutput.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        Assert.Equal([usage.CapacityBytes, usage.UsedBytes, usage.AvailableBytes], numbers);
    }

    [EnforcedFact]
    public async Task Df_h_inside_a_1GiB_volume_shows_1_0G()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 1024 * MiB, CancellationToken.None);

        var df = await Kernel.RunAsync("df", "-h", "--output=size", volume.Path);
        var image = new FileInfo(Path.Combine(Path.GetDirectoryName(volume.Path)!, "image"));

        Assert.Equal("1.0G", df.StandardOutput.Split('\n')[1].Trim());
        Assert.Equal(1024 * MiB, (await test.Pool.UsageAsync(Name, CancellationToken.None)).CapacityBytes);
        output.WriteLine($"image {image.Length} bytes for 1Gi ({(image.Length - 1024 * MiB) * 100.0 / (1024 * MiB):F1}% ext4 metadata)");
    }

    [EnforcedFact]
    public async Task A_tiny_claim_gets_the_8MiB_minimum()
    {
        await using var test = await TestPool.OpenAsync();

        var volume = await test.Pool.CreateAsync(Name, 1, CancellationToken.None);

        Assert.Equal(8 * MiB, volume.SizeBytes);
        Assert.Equal(8 * MiB, (await test.Pool.UsageAsync(Name, CancellationToken.None)).CapacityBytes);
        Assert.Equal(volume, await test.Pool.CreateAsync(Name, MiB, CancellationToken.None));
    }

    [EnforcedFact]
    public async Task Usage_counts_a_written_10MiB_file_exactly()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        var before = await test.Pool.UsageAsync(Name, CancellationToken.None);

        await WriteFileAsync(Path.Combine(volume.Path, "ten"), 10 * MiB);
        var after = await test.Pool.UsageAsync(Name, CancellationToken.None);

        Assert.Equal(10 * MiB, after.UsedBytes - before.UsedBytes);
        Assert.Equal(10 * MiB, before.AvailableBytes - after.AvailableBytes);
        Assert.Equal(before.CapacityBytes, after.CapacityBytes);
        Assert.Equal(1, after.InodesUsed - before.InodesUsed);
    }

    [EnforcedFact]
    public async Task Creating_an_existing_volume_returns_it()
    {
        await using var test = await TestPool.OpenAsync();
        var first = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "keep"), "data");

        var second = await test.Pool.CreateAsync(Name, 64 * MiB - 5, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(second.Path, "keep")));
        Assert.Single(await Kernel.LoopDevicesUnderAsync(test.Directory));
        Assert.Equal([Name], test.Pool.ListVolumeNames());
    }

    [EnforcedFact]
    public async Task Creating_an_existing_volume_with_another_size_fails()
    {
        await using var test = await TestPool.OpenAsync();
        await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PoolException>(() => test.Pool.CreateAsync(Name, 128 * MiB, CancellationToken.None));

        Assert.Equal($"volume {Name} already exists with size 64Mi; it cannot be created with size 128Mi", error.Message);
    }

    [EnforcedFact]
    public async Task A_claim_larger_than_the_free_space_is_refused_with_the_numbers()
    {
        await using var test = await TestPool.OpenAsync(capacityBytes: 200 * MiB);
        await test.Pool.CreateAsync("pvc-a", 100 * MiB, CancellationToken.None);
        var capacity = test.Pool.Capacity;

        var error = await Assert.ThrowsAsync<PoolFullException>(() => test.Pool.CreateAsync("pvc-b", 150 * MiB, CancellationToken.None));

        // 100Mi takes a 104.xMi image (journal, inode tables, descriptors); 150Mi would take about 157Mi.
        Assert.InRange(capacity.ProvisionedBytes, 101 * MiB, 107 * MiB);
        Assert.Equal(200 * MiB - capacity.ProvisionedBytes, capacity.FreeBytes);
        Assert.Matches(
            $"^pool \"{Regex.Escape(test.Directory)}\" has 9[3-9](\\.\\d)?Mi free of 200Mi; cannot provision 150Mi \\(15[3-9](\\.\\d)?Mi with ext4's metadata; overcommit ratio 1\\)$",
            error.Message);
        Assert.Null(test.Pool.Get("pvc-b"));
        Assert.Equal(["pvc-a"], test.Pool.ListVolumeNames());
    }

    [EnforcedFact]
    public async Task An_overcommit_ratio_lets_sparse_images_exceed_the_capacity()
    {
        await using var test = await TestPool.OpenAsync(capacityBytes: 200 * MiB, overcommitRatio: 1.5m);

        await test.Pool.CreateAsync("pvc-a", 100 * MiB, CancellationToken.None);
        await test.Pool.CreateAsync("pvc-b", 150 * MiB, CancellationToken.None);

        var capacity = test.Pool.Capacity;
        Assert.Equal(300 * MiB, capacity.LimitBytes);
        Assert.InRange(capacity.ProvisionedBytes, 250 * MiB, 265 * MiB);
        Assert.Equal(300 * MiB - capacity.ProvisionedBytes, capacity.FreeBytes);
    }

    [EnforcedFact]
    public async Task Concurrent_creates_never_provision_past_the_capacity()
    {
        var image = Ext4Tools.ImageBytesFor(16 * MiB);
        await using var test = await TestPool.OpenAsync(capacityBytes: 5 * image);

        var attempts = Enumerable.Range(0, 8).Select(i => Attempt($"pvc-{i}")).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(5, outcomes.Count(created => created));
        Assert.Equal(5, test.Pool.ListVolumeNames().Count);
        // Reserved at the estimate, each volume then settles on its exact (slightly smaller) image.
        Assert.InRange(test.Pool.Capacity.FreeBytes, 0, image - 1);

        async Task<bool> Attempt(string name)
        {
            try
            {
                await test.Pool.CreateAsync(name, 16 * MiB, CancellationToken.None);
                return true;
            }
            catch (PoolFullException)
            {
                return false;
            }
        }
    }

    [EnforcedFact]
    public async Task Scrubbing_empties_the_volume_and_keeps_it()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        var empty = await test.Pool.UsageAsync(Name, CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(volume.Path, "dir", "sub"));
        await WriteFileAsync(Path.Combine(volume.Path, "dir", "sub", "file"), 5 * MiB);
        await WriteFileAsync(Path.Combine(volume.Path, "lost+found", "stray"), MiB);

        await test.Pool.ScrubAsync(Name, CancellationToken.None);

        Assert.Equal(["lost+found"], Directory.EnumerateFileSystemEntries(volume.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(volume.Path, "lost+found")));
        var usage = await test.Pool.UsageAsync(Name, CancellationToken.None);
        Assert.Equal(empty.UsedBytes, usage.UsedBytes);
        Assert.Equal(empty.CapacityBytes, usage.CapacityBytes);
        Assert.Equal(volume, test.Pool.Get(Name));
    }

    [EnforcedFact]
    public async Task Scrubbing_waits_for_a_new_mount_namespace_to_let_go_and_refuses_one_that_does_not()
    {
        System.Diagnostics.Process? holder = null;
        var letGo = true;
        var busy = new List<string>();
        await using var test = await TestPool.OpenAsync(configure: options => options with
        {
            BusyGrace = TimeSpan.FromMilliseconds(200),
            OnBusy = async (what, _) =>
            {
                busy.Add(what);
                if (letGo)
                {
                    await Kernel.LetGoAsync(holder!);
                }
            },
        });
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(volume.Path, "old"), "data");

        holder = await Kernel.HoldMountsInNewNamespaceAsync();
        await test.Pool.ScrubAsync(Name, CancellationToken.None);
        await Kernel.LetGoAsync(holder);

        Assert.Matches("^/dev/loop[0-9]+$", Assert.Single(busy));
        Assert.False(File.Exists(Path.Combine(volume.Path, "old")));

        await File.WriteAllTextAsync(Path.Combine(volume.Path, "kept"), "data");
        letGo = false;
        holder = await Kernel.HoldMountsInNewNamespaceAsync();
        try
        {
            var error = await Assert.ThrowsAsync<PoolException>(() => test.Pool.ScrubAsync(Name, CancellationToken.None));
            Assert.Equal($"volume {Name} is in use: its filesystem is still mounted in another mount namespace (a container's; stop what uses it first)", error.Message);
        }
        finally
        {
            await Kernel.LetGoAsync(holder);
        }
        Assert.True(busy.Count > 2, $"tried {busy.Count - 1} time(s) before giving up");
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(volume.Path, "kept")));
        Assert.Equal(volume, test.Pool.Get(Name));
    }

    [EnforcedFact]
    public async Task Deleting_removes_the_mount_the_loop_device_and_the_files()
    {
        await using var test = await TestPool.OpenAsync();
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await WriteFileAsync(Path.Combine(volume.Path, "data"), MiB);
        Assert.Equal([volume.Path], Kernel.MountsUnder(test.Directory));
        Assert.Equal([volume.LoopDevice!], await Kernel.LoopDevicesUnderAsync(test.Directory));

        await test.Pool.DeleteAsync(Name, CancellationToken.None);

        Assert.Empty(Kernel.MountsUnder(test.Directory));
        Assert.Empty(await Kernel.LoopDevicesLeftUnderAsync(test.Directory));
        Assert.False(Directory.Exists(Path.GetDirectoryName(volume.Path)));
        Assert.Null(test.Pool.Get(Name));
        Assert.Empty(test.Pool.ListVolumeNames());
        Assert.Equal(0, test.Pool.Capacity.ProvisionedBytes);
        await test.Pool.DeleteAsync(Name, CancellationToken.None); // idempotent
    }

    [EnforcedFact]
    public async Task A_volume_held_only_for_a_moment_is_deleted_once_let_go()
    {
        // A file closed a moment ago can still be held by a child that another thread forked and
        // that has not reached exec yet; such a holder lets go within milliseconds.
        FileStream? holder = null;
        var refusals = 0;
        await using var test = await TestPool.OpenAsync(configure: options => options with
        {
            OnBusy = async (_, _) =>
            {
                refusals++;
                await holder!.DisposeAsync();
            },
        });
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        holder = File.Create(Path.Combine(volume.Path, "held"));

        await test.Pool.DeleteAsync(Name, CancellationToken.None);

        Assert.Equal(1, refusals);
        Assert.Null(test.Pool.Get(Name));
        Assert.False(Directory.Exists(volume.Path));
    }

    [EnforcedFact]
    public async Task Deleting_a_volume_in_use_fails_and_keeps_it()
    {
        var refusals = 0;
        await using var test = await TestPool.OpenAsync(configure: options => options with
        {
            BusyGrace = TimeSpan.FromMilliseconds(100),
            OnBusy = (_, _) => { refusals++; return Task.CompletedTask; },
        });
        var volume = await test.Pool.CreateAsync(Name, 64 * MiB, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(volume.Path, "keep"), "data");

        PoolException error;
        var open = File.OpenRead(Path.Combine(volume.Path, "keep"));
        await using (open)
        {
            error = await Assert.ThrowsAsync<PoolException>(() => test.Pool.DeleteAsync(Name, CancellationToken.None));
        }

        Assert.Contains("is in use", error.Message, StringComparison.Ordinal);
        Assert.True(refusals > 1, $"tried {refusals} time(s) before giving up");
        Assert.Equal(volume, test.Pool.Get(Name));
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(volume.Path, "keep")));
    }

    [EnforcedFact]
    public async Task Names_that_are_not_volume_names_are_rejected()
    {
        await using var test = await TestPool.OpenAsync();

        foreach (var name in new[] { "../escape", "a/b", "", "-x", "UPPER", "x." })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => test.Pool.CreateAsync(name, MiB, CancellationToken.None));
        }
    }

    internal static async Task WriteFileAsync(string path, long bytes)
    {
        var chunk = Encoding.ASCII.GetBytes(new string('x', (int)MiB));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        await using (file)
        {
            for (long done = 0; done < bytes; done += MiB)
            {
                await file.WriteAsync(chunk.AsMemory(0, (int)Math.Min(MiB, bytes - done)));
            }
            file.Flush(flushToDisk: true);
        }
    }
}
