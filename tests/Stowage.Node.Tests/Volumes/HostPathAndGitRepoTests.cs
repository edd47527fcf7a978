using Stowage.Api.Core;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostPathAndGitRepoTests : IDisposable
{
    private readonly VolumeTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private Task<PodVolumes> SetUp(params Volume[] volumes) => _bed.Manager.SetUpAsync(VolumeTestBed.Pod("u1", volumes), CancellationToken.None);

    private async Task<string> FailureOf(params Volume[] volumes) =>
        (await Assert.ThrowsAsync<VolumeMountException>(() => SetUp(volumes))).Message;

    private static Volume HostPath(string path, string? type) => new() { Name = "host", HostPath = new HostPathVolumeSource { Path = path, Type = type } };

    [Fact]
    public async Task A_hostPath_is_used_in_place_and_DirectoryOrCreate_makes_it_0755()
    {
        var path = Path.Combine(_bed.Root, "host", "made", "here");

        var volume = (await SetUp(HostPath(path, "DirectoryOrCreate"))).Volumes["host"];

        Assert.Equal(path, volume.HostPath);
        Assert.True(Directory.Exists(path));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(path));
        Assert.False(Directory.Exists(_bed.Paths.PodVolumes("u1")));
    }

    [Fact]
    public async Task FileOrCreate_makes_an_empty_0644_file_but_not_its_parent()
    {
        var file = Path.Combine(_bed.HostDir("files"), "app.log");
        await SetUp(HostPath(file, "FileOrCreate"));
        Assert.Equal(0, new FileInfo(file).Length);
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(file));

        var orphan = Path.Combine(_bed.Root, "host", "no-parent", "app.log");
        Assert.Equal($"MountVolume.SetUp failed for volume \"host\" : open {orphan}: no such file or directory", await FailureOf(HostPath(orphan, "FileOrCreate")));
    }

    [Fact]
    public async Task Type_checks_fail_with_kubelets_texts()
    {
        var dir = _bed.HostDir("dir");
        var file = Path.Combine(dir, "f");
        await File.WriteAllTextAsync(file, "x");
        var missing = Path.Combine(dir, "missing");

        Assert.Equal($"MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: {file} is not a directory, it's a File", await FailureOf(HostPath(file, "Directory")));
        Assert.Equal($"MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: {file} is not a directory, it's a File", await FailureOf(HostPath(file, "DirectoryOrCreate")));
        Assert.Equal($"MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: {dir} is not a file, it's a Directory", await FailureOf(HostPath(dir, "File")));
        Assert.Equal($"MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: {dir} is not a socket file, it's a Directory", await FailureOf(HostPath(dir, "Socket")));
        Assert.Equal($"MountVolume.SetUp failed for volume \"host\" : hostPath {missing} doesn't exist", await FailureOf(HostPath(missing, "Directory")));
        Assert.Equal("MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: /dev/null is not a block device, it's a CharDevice", await FailureOf(HostPath("/dev/null", "BlockDevice")));
        Assert.Equal("MountVolume.SetUp failed for volume \"host\" : Dir is an invalid volume type", await FailureOf(HostPath(dir, "Dir")));
        Assert.Equal("MountVolume.SetUp failed for volume \"host\" : invalid HostPath `/a/../b`: must not contain '..'", await FailureOf(HostPath("/a/../b", "")));
        await SetUp(HostPath("/dev/null", "CharDevice"));
        await SetUp(HostPath(missing, null));
    }

    private async Task<(string Bare, string First, string Second)> MakeRepositoryAsync()
    {
        var work = _bed.HostDir("work");
        await VolumeTestBed.RunAsync("git", work, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(work, "README"), "v1");
        await VolumeTestBed.RunAsync("git", work, "add", "README");
        await VolumeTestBed.RunAsync("git", work, "commit", "-q", "-m", "one");
        var first = await VolumeTestBed.RunAsync("git", work, "rev-parse", "HEAD");
        await File.WriteAllTextAsync(Path.Combine(work, "README"), "v2");
        await VolumeTestBed.RunAsync("git", work, "commit", "-q", "-am", "two");
        var second = await VolumeTestBed.RunAsync("git", work, "rev-parse", "HEAD");
        var bare = Path.Combine(_bed.Root, "host", "repo.git");
        await VolumeTestBed.RunAsync("git", _bed.Root, "clone", "-q", "--bare", work, bare);
        return (bare, first, second);
    }

    [Fact]
    public async Task A_gitRepo_is_cloned_into_a_directory_named_after_the_repository_by_default()
    {
        var (bare, _, _) = await MakeRepositoryAsync();

        var dir = (await SetUp(new Volume { Name = "src", GitRepo = new GitRepoVolumeSource { Repository = bare } })).Volumes["src"].HostPath;

        Assert.Equal(Path.Combine(_bed.Paths.PodVolumes("u1"), "kubernetes.io~git-repo", "src"), dir);
        Assert.Equal("v2", await File.ReadAllTextAsync(Path.Combine(dir, "repo", "README")));
    }

    [Fact]
    public async Task A_gitRepo_with_a_revision_and_directory_dot_checks_the_revision_out_at_the_volume_root_once()
    {
        var (bare, first, _) = await MakeRepositoryAsync();
        var volume = new Volume { Name = "src", GitRepo = new GitRepoVolumeSource { Repository = bare, Revision = first, Directory = "." } };

        var dir = (await SetUp(volume)).Volumes["src"].HostPath;
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(dir, "README")));
        await File.WriteAllTextAsync(Path.Combine(dir, "README"), "edited by the pod");

        await SetUp(volume);

        Assert.Equal("edited by the pod", await File.ReadAllTextAsync(Path.Combine(dir, "README")));
    }

    [Fact]
    public async Task A_gitRepo_with_a_revision_checks_it_out_in_the_named_directory()
    {
        var (bare, first, _) = await MakeRepositoryAsync();

        var dir = (await SetUp(new Volume { Name = "src", GitRepo = new GitRepoVolumeSource { Repository = bare, Revision = first, Directory = "code" } })).Volumes["src"].HostPath;

        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(dir, "code", "README")));
    }

    [Fact]
    public async Task GitRepo_arguments_are_validated_and_git_failures_quoted_as_kubelet_does()
    {
        Assert.Equal("MountVolume.SetUp failed for volume \"src\" : \"--upload-pack=x\" is an invalid value for repository",
            await FailureOf(new Volume { Name = "src", GitRepo = new GitRepoVolumeSource { Repository = "--upload-pack=x" } }));
        Assert.Equal("MountVolume.SetUp failed for volume \"src\" : \"a/b\" is not a valid directory, it must not contain a directory separator",
            await FailureOf(new Volume { Name = "src", GitRepo = new GitRepoVolumeSource { Repository = "r", Revision = "main", Directory = "a/b" } }));

        var missing = Path.Combine(_bed.Root, "no-such-repo");
        var message = await FailureOf(new Volume { Name = "src", GitRepo = new GitRepoVolumeSource { Repository = missing } });
        Assert.StartsWith($"MountVolume.SetUp failed for volume \"src\" : failed to exec 'git clone -- {missing}': ", message, StringComparison.Ordinal);
        Assert.EndsWith(": exit status 128", message, StringComparison.Ordinal);
    }
}
