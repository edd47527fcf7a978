using System.Text;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProjectedVolumeTests : IDisposable
{
    private readonly VolumeTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private void AddConfigMap(string name, Dictionary<string, string> data) =>
        _bed.Objects.ConfigMaps[$"default/{name}"] = new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, Data = data };

    private void AddSecret(string name, Dictionary<string, string> data) =>
        _bed.Objects.Secrets[$"default/{name}"] = new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Data = data.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)),
        };

    [Fact]
    public async Task A_configMap_volume_holds_each_key_as_a_file_behind_kubernetes_atomic_layout()
    {
        AddConfigMap("app-config", new() { ["app.properties"] = "color=blue", ["mode"] = "fast" });
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "app-config" } }]);

        var volume = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["config"];

        Assert.True(volume.ReadOnly);
        Assert.Equal("color=blue", await File.ReadAllTextAsync(Path.Combine(volume.HostPath, "app.properties")));
        Assert.Equal("..data/mode", new FileInfo(Path.Combine(volume.HostPath, "mode")).LinkTarget);
        Assert.StartsWith("..", new FileInfo(Path.Combine(volume.HostPath, "..data")).LinkTarget, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)420, File.GetUnixFileMode(Path.Combine(volume.HostPath, "..data", "mode")));
    }

    [Fact]
    public async Task A_changed_configMap_is_rewritten_atomically_and_an_unchanged_one_is_left_alone()
    {
        AddConfigMap("app-config", new() { ["a"] = "1", ["b"] = "2" });
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "app-config" } }]);
        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["config"].HostPath;
        var first = new FileInfo(Path.Combine(dir, "..data")).LinkTarget;

        await _bed.Manager.SetUpAsync(pod, CancellationToken.None);
        Assert.Equal(first, new FileInfo(Path.Combine(dir, "..data")).LinkTarget);

        AddConfigMap("app-config", new() { ["a"] = "changed" });
        await _bed.Manager.SetUpAsync(pod, CancellationToken.None);

        var second = new FileInfo(Path.Combine(dir, "..data")).LinkTarget;
        Assert.NotEqual(first, second);
        Assert.Equal("changed", await File.ReadAllTextAsync(Path.Combine(dir, "a")));
        Assert.False(File.Exists(Path.Combine(dir, "b")) || new FileInfo(Path.Combine(dir, "b")).LinkTarget is not null);
        Assert.False(Directory.Exists(Path.Combine(dir, first!)));
    }

    [Fact]
    public async Task Items_choose_keys_paths_and_modes()
    {
        AddConfigMap("app-config", new() { ["a"] = "1", ["b"] = "2" });
        var pod = VolumeTestBed.Pod("u1", [new Volume
        {
            Name = "config",
            ConfigMap = new ConfigMapVolumeSource
            {
                Name = "app-config",
                DefaultMode = 256, // 0400
                Items = [new KeyToPath { Key = "a", Path = "conf/first.txt", Mode = 384 }, new KeyToPath { Key = "b", Path = "second" }],
            },
        }]);

        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["config"].HostPath;

        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(dir, "conf", "first.txt")));
        Assert.Equal((UnixFileMode)384, File.GetUnixFileMode(Path.Combine(dir, "..data", "conf", "first.txt")));
        Assert.Equal((UnixFileMode)256, File.GetUnixFileMode(Path.Combine(dir, "..data", "second")));
        Assert.False(File.Exists(Path.Combine(dir, "a")));
    }

    [Fact]
    public async Task A_missing_configMap_fails_the_mount_with_kubelets_text()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "app-config" } }]);

        var error = await Assert.ThrowsAsync<VolumeMountException>(() => _bed.Manager.SetUpAsync(pod, CancellationToken.None));

        Assert.Equal("FailedMount", error.Reason);
        Assert.Equal("MountVolume.SetUp failed for volume \"config\" : configmap \"app-config\" not found", error.Message);
    }

    [Fact]
    public async Task A_missing_optional_configMap_or_key_gives_an_empty_volume()
    {
        AddConfigMap("present", new() { ["a"] = "1" });
        var pod = VolumeTestBed.Pod("u1",
        [
            new Volume { Name = "absent", ConfigMap = new ConfigMapVolumeSource { Name = "nope", Optional = true } },
            new Volume { Name = "keyless", ConfigMap = new ConfigMapVolumeSource { Name = "present", Optional = true, Items = [new KeyToPath { Key = "zz", Path = "zz" }] } },
        ]);

        var volumes = await _bed.Manager.SetUpAsync(pod, CancellationToken.None);

        Assert.Empty(Directory.EnumerateFiles(volumes.Volumes["absent"].HostPath));
        Assert.Empty(Directory.EnumerateFiles(volumes.Volumes["keyless"].HostPath));
    }

    [Fact]
    public async Task A_missing_key_fails_with_kubelets_text_for_configMaps_and_secrets()
    {
        AddConfigMap("cm", new() { ["a"] = "1" });
        AddSecret("s", new() { ["user"] = "admin" });
        var cmPod = VolumeTestBed.Pod("u1", [new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "cm", Items = [new KeyToPath { Key = "b", Path = "b" }] } }]);
        var secretPod = VolumeTestBed.Pod("u2", [new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "s", Items = [new KeyToPath { Key = "ca.crt", Path = "ca" }] } }]);

        var cmError = await Assert.ThrowsAsync<VolumeMountException>(() => _bed.Manager.SetUpAsync(cmPod, CancellationToken.None));
        Assert.Equal("MountVolume.SetUp failed for volume \"config\" : configmap references non-existent config key: b", cmError.Message);
        if (Environment.IsPrivilegedProcess)
        {
            var secretError = await Assert.ThrowsAsync<VolumeMountException>(() => _bed.Manager.SetUpAsync(secretPod, CancellationToken.None));
            Assert.Equal("MountVolume.SetUp failed for volume \"creds\" : references non-existent secret key: ca.crt", secretError.Message);
        }
    }

    [RootFact]
    public async Task A_secret_lands_on_tmpfs_never_on_disk()
    {
        AddSecret("db", new() { ["password"] = "s3cret" });
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "db", DefaultMode = 256 } }]);

        var volume = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["creds"];

        Assert.Equal(Path.Combine(_bed.Paths.PodVolumes("u1"), "kubernetes.io~secret", "creds"), volume.HostPath);
        Assert.Equal("tmpfs", VolumeTestBed.FileSystemAt(volume.HostPath));
        Assert.Equal("s3cret", await File.ReadAllTextAsync(Path.Combine(volume.HostPath, "password")));
        Assert.Equal((UnixFileMode)256, File.GetUnixFileMode(Path.Combine(volume.HostPath, "..data", "password")));
        Assert.True(volume.ReadOnly);
    }

    [RootFact]
    public async Task A_missing_secret_fails_with_kubelets_text()
    {
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "creds", Secret = new SecretVolumeSource { SecretName = "db" } }]);

        var error = await Assert.ThrowsAsync<VolumeMountException>(() => _bed.Manager.SetUpAsync(pod, CancellationToken.None));

        Assert.Equal("MountVolume.SetUp failed for volume \"creds\" : secret \"db\" not found", error.Message);
    }

    [RootFact]
    public async Task A_downwardAPI_volume_writes_pod_fields_and_resources_as_kubelet_formats_them()
    {
        var container = new Container
        {
            Name = "app",
            Resources = new ResourceRequirements
            {
                Limits = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("64Mi"), ["cpu"] = Quantity.Parse("250m") },
            },
        };
        static DownwardApiVolumeFile Field(string path, string field) => new() { Path = path, FieldRef = new ObjectFieldSelector { FieldPath = field } };
        var pod = VolumeTestBed.Pod("u1", [new Volume
        {
            Name = "info",
            DownwardAPI = new DownwardApiVolumeSource
            {
                Items =
                [
                    Field("name", "metadata.name"),
                    Field("namespace", "metadata.namespace"),
                    Field("uid", "metadata.uid"),
                    Field("labels", "metadata.labels"),
                    Field("app", "metadata.labels['app']"),
                    Field("annotations", "metadata.annotations"),
                    new DownwardApiVolumeFile { Path = "mem", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "app", Resource = "limits.memory", Divisor = Quantity.Parse("1Mi") } },
                    new DownwardApiVolumeFile { Path = "cpu", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "app", Resource = "limits.cpu", Divisor = Quantity.Parse("1m") } },
                    new DownwardApiVolumeFile { Path = "cpu-cores", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "app", Resource = "limits.cpu" } },
                    new DownwardApiVolumeFile { Path = "mem-request", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "app", Resource = "requests.memory" } },
                ],
            },
        }], [container]);

        var dir = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["info"].HostPath;
        string Read(string file) => File.ReadAllText(Path.Combine(dir, file));

        Assert.Equal("tmpfs", VolumeTestBed.FileSystemAt(dir));
        Assert.Equal("web", Read("name"));
        Assert.Equal("default", Read("namespace"));
        Assert.Equal("u1", Read("uid"));
        Assert.Equal("app=\"web\"\ntier=\"front\\\"end\"", Read("labels"));
        Assert.Equal("web", Read("app"));
        Assert.Equal("note=\"hello\"", Read("annotations"));
        Assert.Equal("64", Read("mem"));
        Assert.Equal("250", Read("cpu"));
        Assert.Equal("1", Read("cpu-cores"));
        Assert.Equal("67108864", Read("mem-request"));
    }

    [RootFact]
    public async Task A_projected_volume_joins_configMap_secret_and_downward_API_files()
    {
        AddConfigMap("cm", new() { ["a"] = "1" });
        AddSecret("s", new() { ["token"] = "t" });
        var projected = JsonNode.Parse("""
            {"defaultMode": 288, "sources": [
              {"configMap": {"name": "cm"}},
              {"secret": {"name": "s", "items": [{"key": "token", "path": "auth/token"}]}},
              {"downwardAPI": {"items": [{"path": "pod", "fieldRef": {"fieldPath": "metadata.name"}}]}},
              {"configMap": {"name": "absent", "optional": true}}
            ]}
            """)!.AsObject();
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "all", Projected = projected }]);

        var volume = (await _bed.Manager.SetUpAsync(pod, CancellationToken.None)).Volumes["all"];

        Assert.True(volume.ReadOnly);
        Assert.Equal("tmpfs", VolumeTestBed.FileSystemAt(volume.HostPath));
        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(volume.HostPath, "a")));
        Assert.Equal("t", await File.ReadAllTextAsync(Path.Combine(volume.HostPath, "auth", "token")));
        Assert.Equal("web", await File.ReadAllTextAsync(Path.Combine(volume.HostPath, "pod")));
        Assert.Equal((UnixFileMode)288, File.GetUnixFileMode(Path.Combine(volume.HostPath, "..data", "a")));
    }

    [RootFact]
    public async Task A_projected_service_account_token_fails_saying_no_tokens_are_issued()
    {
        var projected = JsonNode.Parse("""{"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]}""")!.AsObject();
        var pod = VolumeTestBed.Pod("u1", [new Volume { Name = "token", Projected = projected }]);

        var error = await Assert.ThrowsAsync<VolumeMountException>(() => _bed.Manager.SetUpAsync(pod, CancellationToken.None));

        Assert.Equal("MountVolume.SetUp failed for volume \"token\" : serviceAccountToken projection is not supported: this cluster issues no service account tokens (there is no TokenRequest API)", error.Message);
    }
}
