using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Node.Containers;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ContainerMountTests : IDisposable
{
    private readonly VolumeTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private async Task<(PodVolumes Volumes, string DataDir)> SetUpAsync(Container container)
    {
        _bed.Objects.ConfigMaps["default/cm"] = new ConfigMap { Metadata = new ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["k"] = "v" } };
        var pod = VolumeTestBed.Pod("u1",
        [
            new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "cm" } },
        ], [container]);
        var volumes = await _bed.Manager.SetUpAsync(pod, CancellationToken.None);
        return (volumes, volumes.Volumes["data"].HostPath);
    }

    private static Container With(params VolumeMount[] mounts) => new() { Name = "app", VolumeMounts = mounts };

    [Fact]
    public async Task Mounts_follow_the_volumeMounts_with_source_forced_and_requested_read_only()
    {
        var container = With(
            new VolumeMount { Name = "data", MountPath = "/data" },
            new VolumeMount { Name = "data", MountPath = "/data-ro", ReadOnly = true },
            new VolumeMount { Name = "config", MountPath = "/etc/app" });
        var (volumes, data) = await SetUpAsync(container);

        var mounts = PodVolumeManager.MountsFor(container, volumes);

        Assert.Equal(
            [
                new ContainerMount("/data", data, false),
                new ContainerMount("/data-ro", data, true),
                new ContainerMount("/etc/app", volumes.Volumes["config"].HostPath, true),
            ],
            mounts);
    }

    [Fact]
    public async Task A_missing_subPath_is_created_with_the_volume_roots_mode()
    {
        var container = With(new VolumeMount { Name = "data", MountPath = "/logs", SubPath = "logs/app" });
        var (volumes, data) = await SetUpAsync(container);

        var mount = Assert.Single(PodVolumeManager.MountsFor(container, volumes));

        Assert.Equal(Path.Combine(new DirectoryInfo(data).FullName, "logs", "app"), mount.Source);
        Assert.True(Directory.Exists(mount.Source));
        Assert.Equal(File.GetUnixFileMode(data), File.GetUnixFileMode(mount.Source));
    }

    [Fact]
    public async Task A_subPathExpr_expands_the_containers_env_and_pod_fields()
    {
        var container = new Container
        {
            Name = "app",
            Env =
            [
                new EnvVar { Name = "POD", ValueFrom = JsonNode.Parse("""{"fieldRef": {"fieldPath": "metadata.name"}}""")!.AsObject() },
                new EnvVar { Name = "ZONE", Value = "z1" },
                new EnvVar { Name = "DIR", Value = "$(ZONE)-$$" },
            ],
            VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/d", SubPathExpr = "$(POD)/$(DIR)" }],
        };
        var (volumes, data) = await SetUpAsync(container);

        var mount = Assert.Single(PodVolumeManager.MountsFor(container, volumes));

        Assert.Equal(Path.Combine(data, "web", "z1-$"), mount.Source);
    }

    [Fact]
    public async Task A_subPathExpr_with_an_unset_variable_names_it()
    {
        var container = With(new VolumeMount { Name = "data", MountPath = "/d", SubPathExpr = "$(NOPE)/$(ALSO)" });
        var (volumes, _) = await SetUpAsync(container);

        var error = Assert.Throws<VolumeMountException>(() => PodVolumeManager.MountsFor(container, volumes));

        Assert.Equal("CreateContainerConfigError", error.Reason);
        Assert.Equal("missing value for ALSO, NOPE", error.Message);
    }

    [Fact]
    public async Task Absolute_and_backstepping_subPaths_and_unknown_volumes_are_refused_with_kubelets_texts()
    {
        var (volumes, _) = await SetUpAsync(With());

        string Refusal(VolumeMount mount) => Assert.Throws<VolumeMountException>(() => PodVolumeManager.MountsFor(With(mount), volumes)).Message;

        Assert.Equal("error SubPath `/etc` must not be an absolute path", Refusal(new VolumeMount { Name = "data", MountPath = "/d", SubPath = "/etc" }));
        Assert.Equal("unable to provision SubPath `a/../../b`: must not contain '..'", Refusal(new VolumeMount { Name = "data", MountPath = "/d", SubPath = "a/../../b" }));
        Assert.Equal("cannot find volume \"nope\" to mount into container \"app\"", Refusal(new VolumeMount { Name = "nope", MountPath = "/d" }));
    }

    [Fact]
    public async Task A_subPath_that_symlinks_out_of_the_volume_is_refused()
    {
        var (volumes, data) = await SetUpAsync(With());
        var outside = _bed.HostDir("outside");
        File.CreateSymbolicLink(Path.Combine(data, "escape"), outside);
        File.CreateSymbolicLink(Path.Combine(data, "inside"), "sub");
        Directory.CreateDirectory(Path.Combine(data, "sub"));

        var existing = Assert.Throws<VolumeMountException>(() => PodVolumeManager.MountsFor(With(new VolumeMount { Name = "data", MountPath = "/d", SubPath = "escape" }), volumes));
        var created = Assert.Throws<VolumeMountException>(() => PodVolumeManager.MountsFor(With(new VolumeMount { Name = "data", MountPath = "/d", SubPath = "escape/new" }), volumes));
        var fine = Assert.Single(PodVolumeManager.MountsFor(With(new VolumeMount { Name = "data", MountPath = "/d", SubPath = "inside/x" }), volumes));

        Assert.Equal("failed to prepare subPath for volumeMount \"data\" of container \"app\"", existing.Message);
        Assert.Equal("failed to create subPath directory for volumeMount \"data\" of container \"app\"", created.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal(Path.Combine(data, "sub", "x"), fine.Source);
    }
}
