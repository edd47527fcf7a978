using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TearDownTests : IDisposable
{
    private readonly VolumeTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [RootFact]
    public async Task Tear_down_after_a_restart_leaves_no_mount_and_no_directory_under_the_pod()
    {
        _bed.Objects.Secrets["default/s"] = new Secret { Metadata = new ObjectMeta { Name = "s" }, Data = new Dictionary<string, byte[]> { ["k"] = [1, 2] } };
        var host = _bed.HostDir("host");
        await File.WriteAllTextAsync(Path.Combine(host, "keep"), "data");
        var pod = VolumeTestBed.Pod("u1",
        [
            new Volume { Name = "mem", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("1Mi") } },
            new Volume { Name = "disk", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "secret", Secret = new SecretVolumeSource { SecretName = "s" } },
            new Volume { Name = "host", HostPath = new HostPathVolumeSource { Path = host } },
        ]);
        var volumes = await _bed.Manager.SetUpAsync(pod, CancellationToken.None);
        File.CreateSymbolicLink(Path.Combine(volumes.Volumes["disk"].HostPath, "to-host"), host);
        Assert.Equal(2, VolumeTestBed.MountsBelow(_bed.Paths.Pod("u1")).Count);
        Assert.Equal(["u1"], _bed.Manager.ListPodDirs());

        var restarted = _bed.NewManager();
        await restarted.TearDownAsync("u1", CancellationToken.None);

        Assert.Empty(VolumeTestBed.MountsBelow(_bed.Paths.Pod("u1")));
        Assert.False(Directory.Exists(_bed.Paths.PodVolumes("u1")));
        Assert.Empty(restarted.ListPodDirs());
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(host, "keep")));

        await restarted.TearDownAsync("u1", CancellationToken.None);
        await restarted.TearDownAsync("never-existed", CancellationToken.None);
    }

    [RootFact]
    public async Task Tear_down_detaches_a_busy_mount_lazily()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "mem", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory" } }]);
        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["mem"].HostPath;
        await using var open = File.Open(Path.Combine(dir, "held-open"), FileMode.Create);

        await _bed.Manager.TearDownAsync("u1", CancellationToken.None);

        Assert.Empty(VolumeTestBed.MountsBelow(_bed.Paths.Pod("u1")));
        Assert.False(Directory.Exists(_bed.Paths.PodVolumes("u1")));
    }
}
