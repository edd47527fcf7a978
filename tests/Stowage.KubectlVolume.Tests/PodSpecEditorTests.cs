using System.Text.Json.Nodes;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.Tests;

public sealed class PodSpecEditorTests
{
    /// <summary>The registry's template of the seeds: one container, registry-storage an emptyDir at /registry.</summary>
    private static JsonObject Registry() => JsonNode.Parse("""
        {"containers":[{"name":"registry","image":"registry:2","volumeMounts":[{"name":"registry-storage","mountPath":"/registry"}]}],
         "volumes":[{"name":"registry-storage","emptyDir":{}}]}
        """)!.AsObject();

    private static JsonObject TwoContainers() => JsonNode.Parse("""
        {"containers":[{"name":"app","image":"busybox"},{"name":"sidecar","image":"busybox"}]}
        """)!.AsObject();

    private static (EditOutcome Outcome, string Name) Add(JsonObject spec, string? name, AddVolumeOptions add, string containers = "*", bool single = true) =>
        PodSpecEditor.Add(spec, name, add, containers, single, "deployments/docker-registry", () => "volume-abcde");

    private static readonly AddVolumeOptions ClaimOverwrite = new()
    {
        Type = "pvc", TypeChanged = true, ClaimName = "docker-registry-claim", Overwrite = true,
    };

    [Fact]
    public void Overwriting_with_a_claim_switches_the_source_and_keeps_the_mount_path()
    {
        var spec = Registry();
        var (outcome, name) = Add(spec, "registry-storage", ClaimOverwrite);

        Assert.Null(outcome.Error);
        Assert.Empty(outcome.Warnings);
        Assert.Equal("registry-storage", name);
        Assert.Equal("""[{"name":"registry-storage","persistentVolumeClaim":{"claimName":"docker-registry-claim"}}]""", spec["volumes"]!.ToJsonString());
        Assert.Equal("""[{"name":"registry-storage","mountPath":"/registry"}]""", spec["containers"]![0]!["volumeMounts"]!.ToJsonString());
    }

    [Fact]
    public void Adding_a_volume_that_exists_without_overwrite_fails_with_ocs_message()
    {
        var (outcome, _) = Add(Registry(), "registry-storage", ClaimOverwrite with { Overwrite = false });
        Assert.Equal("volume 'registry-storage' already exists. Use --overwrite to replace", outcome.Error);
    }

    [Fact]
    public void Overwrite_with_a_mount_path_moves_the_mount()
    {
        var spec = Registry();
        var (outcome, _) = Add(spec, "registry-storage", new AddVolumeOptions { Type = "emptydir", Overwrite = true, MountPath = "/data/" });
        Assert.Null(outcome.Error);
        Assert.Equal("""[{"name":"registry-storage","mountPath":"/data"}]""", spec["containers"]![0]!["volumeMounts"]!.ToJsonString());
    }

    [Fact]
    public void Overwrite_without_a_type_keeps_the_source_and_changes_only_the_mount()
    {
        var spec = Registry();
        spec["volumes"]![0] = JsonNode.Parse("""{"name":"registry-storage","hostPath":{"path":"/srv"}}""");
        var (outcome, _) = Add(spec, "registry-storage", new AddVolumeOptions { Type = "emptydir", Overwrite = true, MountPath = "/data", ReadOnly = true });
        Assert.Null(outcome.Error);
        Assert.Equal("""[{"name":"registry-storage","hostPath":{"path":"/srv"}}]""", spec["volumes"]!.ToJsonString());
        Assert.Equal("""[{"name":"registry-storage","mountPath":"/data","readOnly":true}]""", spec["containers"]![0]!["volumeMounts"]!.ToJsonString());
    }

    [Fact]
    public void A_new_volume_is_mounted_in_every_container_by_default()
    {
        var spec = TwoContainers();
        var (outcome, _) = Add(spec, "data", new AddVolumeOptions { Type = "pvc", TypeChanged = true, ClaimName = "c1", MountPath = "/data", SubPath = "x/../y" });
        Assert.Null(outcome.Error);
        Assert.Equal("""[{"name":"data","persistentVolumeClaim":{"claimName":"c1"}}]""", spec["volumes"]!.ToJsonString());
        foreach (var c in spec["containers"]!.AsArray())
        {
            Assert.Equal("""[{"name":"data","mountPath":"/data","subPath":"y"}]""", c!["volumeMounts"]!.ToJsonString());
        }
    }

    [Fact]
    public void Containers_selects_by_name_and_wildcard()
    {
        var spec = TwoContainers();
        Add(spec, "cache", new AddVolumeOptions { Type = "emptydir", MountPath = "/cache" }, containers: "side*");
        Assert.Null(spec["containers"]![0]!["volumeMounts"]);
        Assert.NotNull(spec["containers"]![1]!["volumeMounts"]);

        var warned = Add(TwoContainers(), "cache", new AddVolumeOptions { Type = "emptydir", MountPath = "/cache" }, containers: "web").Outcome;
        Assert.Null(warned.Error);
        Assert.Equal(["warning: deployments/docker-registry does not have any containers matching \"web\""], warned.Warnings);
    }

    [Fact]
    public void A_mount_path_taken_by_another_volume_is_an_error()
    {
        var (outcome, _) = Add(Registry(), "other", new AddVolumeOptions { Type = "emptydir", MountPath = "/registry" });
        Assert.Equal("volume mount '/registry' already exists for container 'registry'", outcome.Error);
    }

    [Fact]
    public void Without_a_name_oc_generates_one_and_says_so()
    {
        var spec = TwoContainers();
        var (outcome, name) = Add(spec, null, new AddVolumeOptions { Type = "emptydir", MountPath = "/tmp/x" });
        Assert.Equal("volume-abcde", name);
        Assert.Equal(["info: Generated volume name: volume-abcde"], outcome.Warnings);
    }

    [Fact]
    public void Without_a_name_a_volume_already_using_the_claim_is_reused()
    {
        var spec = Registry();
        spec["volumes"]![0] = JsonNode.Parse("""{"name":"registry-storage","persistentVolumeClaim":{"claimName":"c1"}}""");
        var (outcome, name) = Add(spec, null, new AddVolumeOptions { Type = "pvc", TypeChanged = true, ClaimName = "c1" });
        Assert.Null(outcome.Error);
        Assert.Equal("registry-storage", name);
        Assert.Single(spec["volumes"]!.AsArray());
    }

    [Fact]
    public void Overwrite_without_a_name_finds_the_volume_by_mount_path()
    {
        var (outcome, name) = Add(Registry(), null, ClaimOverwrite with { MountPath = "/registry" });
        Assert.Null(outcome.Error);
        Assert.Equal("registry-storage", name);

        Assert.Equal("ambiguous --overwrite, specify --name or --mount-path", Add(Registry(), null, ClaimOverwrite).Outcome.Error);
        Assert.Equal("unable to find the volume for mount-path: /nope", Add(Registry(), null, ClaimOverwrite with { MountPath = "/nope" }).Outcome.Error);
        Assert.Equal("you must specify --name for the volume name when dealing with multiple resources",
            Add(Registry(), null, ClaimOverwrite with { MountPath = "/registry" }, single: false).Outcome.Error);
    }

    [Fact]
    public void Overwriting_a_volume_that_does_not_exist_creates_it_with_a_warning()
    {
        var (outcome, _) = Add(TwoContainers(), "fresh", new AddVolumeOptions { Type = "emptydir", Overwrite = true });
        Assert.Null(outcome.Error);
        Assert.Equal(["warning: volume \"fresh\" did not previously exist and was not overwritten. A new volume with this name has been created instead."], outcome.Warnings);
    }

    [Theory]
    [InlineData("secret", """{"name":"v","secret":{"secretName":"s1","defaultMode":420}}""")]
    [InlineData("configmap", """{"name":"v","configMap":{"name":"cm1","defaultMode":420}}""")]
    [InlineData("hostpath", """{"name":"v","hostPath":{"path":"/srv/data"}}""")]
    [InlineData("emptydir", """{"name":"v","emptyDir":{}}""")]
    public void Each_type_makes_its_source(string type, string expected)
    {
        var spec = TwoContainers();
        var add = new AddVolumeOptions { Type = type, TypeChanged = true, SecretName = "s1", ConfigMapName = "cm1", Path = "/srv/data", DefaultMode = "644" };
        Assert.Null(Add(spec, "v", add).Outcome.Error);
        Assert.Equal(expected, spec["volumes"]![0]!.ToJsonString());
    }

    [Fact]
    public void A_json_source_is_taken_as_it_is()
    {
        var spec = TwoContainers();
        Add(spec, "v", new AddVolumeOptions { Source = """{"nfs":{"server":"10.0.0.2","path":"/exports"}}""" });
        Assert.Equal("""{"name":"v","nfs":{"server":"10.0.0.2","path":"/exports"}}""", spec["volumes"]![0]!.ToJsonString());
    }

    [Fact]
    public void Remove_takes_out_the_volume_and_its_mounts()
    {
        var spec = Registry();
        var outcome = PodSpecEditor.Remove(spec, "registry-storage", "*", "deployments/docker-registry");
        Assert.Null(outcome.Error);
        Assert.Equal("[]", spec["volumes"]!.ToJsonString());
        Assert.Equal("[]", spec["containers"]![0]!["volumeMounts"]!.ToJsonString());
    }

    [Fact]
    public void Remove_from_some_containers_keeps_the_volume_others_still_mount()
    {
        var spec = TwoContainers();
        Add(spec, "cache", new AddVolumeOptions { Type = "emptydir", MountPath = "/cache" });
        Assert.Null(PodSpecEditor.Remove(spec, "cache", "app", "x").Error);
        Assert.Equal("[]", spec["containers"]![0]!["volumeMounts"]!.ToJsonString());
        Assert.Single(spec["containers"]![1]!["volumeMounts"]!.AsArray());
        Assert.Single(spec["volumes"]!.AsArray());
    }

    [Fact]
    public void Removing_a_volume_that_does_not_exist_fails_with_ocs_message()
    {
        Assert.Equal("volume 'nope' not found", PodSpecEditor.Remove(Registry(), "nope", "*", "x").Error);
    }

    [Fact]
    public void Remove_without_a_name_removes_every_volume_and_mount()
    {
        var spec = Registry();
        Assert.Null(PodSpecEditor.Remove(spec, null, "*", "x").Error);
        Assert.Equal("[]", spec["volumes"]!.ToJsonString());
        Assert.Equal("[]", spec["containers"]![0]!["volumeMounts"]!.ToJsonString());
    }

    [Theory]
    [InlineData("/registry/", "/registry")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("a//b", "a/b")]
    [InlineData("/../x", "/x")]
    [InlineData("", ".")]
    public void Paths_are_cleaned_as_Go_does(string path, string expected) => Assert.Equal(expected, Stowage.Api.Validation.GoPath.Clean(path));

    [Fact]
    public void The_merge_patch_names_the_resource_version_and_replaces_the_template_lists()
    {
        var deployment = JsonNode.Parse("""{"metadata":{"name":"d","resourceVersion":"42"},"spec":{"template":{"spec":{}}}}""")!.AsObject();
        var spec = Registry();
        var patch = VolumeCommand.MergePatch(ResourceKinds.Deployments, deployment, spec);
        Assert.Equal("""{"metadata":{"resourceVersion":"42"},"spec":{"template":{"spec":{"volumes":[{"name":"registry-storage","emptyDir":{}}],"containers":[{"name":"registry","image":"registry:2","volumeMounts":[{"name":"registry-storage","mountPath":"/registry"}]}]}}}}""",
            patch.ToJsonString());

        PodSpecEditor.Remove(spec, null, "*", "x");
        var removed = VolumeCommand.MergePatch(ResourceKinds.ReplicationControllers, deployment, spec);
        Assert.Contains("\"volumes\":null", removed.ToJsonString(), StringComparison.Ordinal);
    }
}
