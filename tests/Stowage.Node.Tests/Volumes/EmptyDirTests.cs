using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EmptyDirTests : IDisposable
{
    private readonly VolumeTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task A_disk_emptyDir_is_a_world_writable_directory_that_keeps_its_files_across_syncs()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource() }]);

        var volumes = await _bed.Manager.SetUpAsync(pod, CancellationToken.None);
        var dir = volumes.Volumes["cache"].HostPath;
        Assert.Equal(Path.Combine(_bed.Paths.PodVolumes("u1"), "kubernetes.io~empty-dir", "cache"), dir);
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(dir));
        await File.WriteAllTextAsync(Path.Combine(dir, "kept"), "data");

        await _bed.Manager.SetUpAsync(pod, CancellationToken.None);

        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(dir, "kept")));
    }

    [Fact]
    public async Task A_volume_without_a_source_is_an_emptyDir()
    {
        var volumes = await _bed.Manager.SetUpAsync(VolumeTestBed.Pod("u1", [new Volume { Name = "plain" }]), CancellationToken.None);

        Assert.Equal(VolumePlugins.EmptyDir, volumes.Volumes["plain"].Plugin);
        Assert.True(Directory.Exists(volumes.Volumes["plain"].HostPath));
    }

    [RootFact]
    public async Task A_memory_emptyDir_is_a_tmpfs_that_refuses_writes_past_its_size_limit()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("1Mi") } }]);

        var volumes = await _bed.Manager.SetUpAsync(pod, CancellationToken.None);
        var dir = volumes.Volumes["scratch"].HostPath;

        Assert.Equal("tmpfs", VolumeTestBed.FileSystemAt(dir));
        await File.WriteAllBytesAsync(Path.Combine(dir, "fits"), new byte[512 * 1024]);
        var tooBig = await Assert.ThrowsAsync<IOException>(() => File.WriteAllBytesAsync(Path.Combine(dir, "too-big"), new byte[1024 * 1024]));
        Assert.Contains("No space left on device", tooBig.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_second_sync_keeps_the_mounted_tmpfs_and_its_files()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory" } }]);
        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["scratch"].HostPath;
        await File.WriteAllTextAsync(Path.Combine(dir, "kept"), "data");

        await _bed.NewManager().SetUpAsync(pod, CancellationToken.None);

        Assert.Single(VolumeTestBed.MountsBelow(dir));
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(dir, "kept")));
    }

    [RootFact]
    public async Task Usage_of_a_tmpfs_volume_is_its_filesystems_statvfs()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("4Mi") } }]);
        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["scratch"].HostPath;
        await File.WriteAllBytesAsync(Path.Combine(dir, "one-mib"), new byte[1024 * 1024]);

        var usage = _bed.Manager.Usage("u1", "scratch");

        Assert.NotNull(usage);
        Assert.Equal(4L * 1024 * 1024, usage.CapacityBytes);
        Assert.InRange(usage.UsedBytes, 1024 * 1024, 1024 * 1024 + 64 * 1024);
        Assert.Null(_bed.Manager.Usage("u1", "missing"));
    }

    [Fact]
    public async Task Usage_of_a_disk_emptyDir_sums_its_files()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource() }]);
        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["cache"].HostPath;
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "sub", "a"), new byte[3000]);
        await File.WriteAllBytesAsync(Path.Combine(dir, "b"), new byte[1000]);

        var usage = _bed.Manager.Usage("u1", "cache");

        Assert.NotNull(usage);
        Assert.Equal(4000, usage.UsedBytes);
        Assert.Equal(4, usage.InodesUsed);
    }
}
