using Stowage.Node.Containers;
using Stowage.Node.Images;
using Stowage.Node.Tests.Containers;

namespace Stowage.Node.Tests.Images;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ImageStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string dir = Path.Combine(Path.GetTempPath(), "stowage-images-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [BusyboxFact]
    public async Task The_built_in_busybox_has_its_applets_and_answers_to_any_tag_of_busybox()
    {
        var store = new ImageStore(Path.Combine(dir, "images"));
        await store.EnsureBuiltInAsync(None);
        await store.EnsureBuiltInAsync(None);

        var image = Assert.IsType<ImageRecord>(store.Resolve("busybox:1.28"));

        Assert.Equal("docker.io/library/busybox:1.28", image.Name);
        Assert.Equal(["sh"], image.Cmd);
        Assert.Equal("busybox", new FileInfo(Path.Combine(image.RootfsPath, "bin", "sh")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(image.RootfsPath, "etc", "passwd")));
        Assert.Equal((UnixFileMode)0b1_111_111_111, File.GetUnixFileMode(Path.Combine(image.RootfsPath, "tmp")));
        Assert.Equal(image.RootfsPath, store.Resolve("docker.io/library/busybox")?.RootfsPath);
        Assert.Null(store.Resolve("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
        Assert.Null(store.Resolve("nginx"));
        var listed = Assert.Single(await store.ListAsync(None));
        Assert.Equal(["docker.io/library/busybox:latest"], listed.Names);
        Assert.True(listed.SizeBytes > 100_000);
    }

    [BusyboxFact]
    public async Task Importing_a_tag_of_busybox_takes_precedence_over_the_built_in_one_for_that_tag_only()
    {
        var store = new ImageStore(Path.Combine(dir, "images"));
        await store.EnsureBuiltInAsync(None);
        var layout = Path.Combine(dir, "layout");
        TestImage.WriteOciLayout(layout, "1.28", [TestImage.Layer1()]);

        await store.ImportAsync("busybox:1.28", layout, None);

        Assert.Equal("/app", store.Resolve("busybox:1.28")?.WorkingDir);
        Assert.Null(store.Resolve("busybox:1.29")?.WorkingDir);
        Assert.Equal(ImageStore.BuiltInId, Path.GetFileName(Path.GetDirectoryName(store.Resolve("busybox:1.29")!.RootfsPath)));
    }

    [BusyboxFact]
    public async Task Layers_apply_in_order_with_whiteouts_opaque_directories_symlinks_and_hard_links()
    {
        var store = new ImageStore(Path.Combine(dir, "images"));
        var layout = Path.Combine(dir, "layout");
        TestImage.WriteOciLayout(layout, "1.0", [TestImage.Layer1(), TestImage.Layer2Gzip()]);

        var image = await store.ImportAsync("example.com/app:1.0", layout, None);

        var rootfs = image.RootfsPath;
        Assert.False(File.Exists(Path.Combine(rootfs, "app", "gone.txt")));
        Assert.False(File.Exists(Path.Combine(rootfs, "opq", "old.txt")));
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(rootfs, "opq", "new.txt")));
        Assert.Equal("hello.txt", new FileInfo(Path.Combine(rootfs, "app", "link")).LinkTarget);
        Assert.Equal("hello from layer 1\n", File.ReadAllText(Path.Combine(rootfs, "app", "hard")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(rootfs, "bin", "busybox")));
        Assert.Equal(["/bin/sh", "-c"], image.Entrypoint);
        Assert.Equal("/app", image.WorkingDir);
        Assert.Equal("example.com/app:1.0", image.Name);
        Assert.Contains("GREETING=hi from image", image.Env);
        Assert.Empty(Directory.EnumerateDirectories(store.Dir, ".tmp-*"));
    }

    [Fact]
    public async Task A_layer_entry_that_climbs_out_of_the_root_is_refused_and_leaves_no_image()
    {
        var store = new ImageStore(Path.Combine(dir, "images"));
        var layout = Path.Combine(dir, "layout");
        TestImage.WriteOciLayout(layout, "1", [TestImage.Layer(("ok.txt", "fine"), ("../../escaped.txt", "evil"))]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.ImportAsync("evil:1", layout, None));

        Assert.Contains("escape", error.Message, StringComparison.Ordinal);
        Assert.Null(store.Resolve("evil:1"));
        Assert.Empty(Directory.EnumerateDirectories(store.Dir, ".tmp-*"));
        Assert.False(File.Exists(Path.Combine(dir, "escaped.txt")));
    }

    [Fact]
    public async Task A_file_that_is_no_image_is_refused_with_what_was_expected()
    {
        var store = new ImageStore(Path.Combine(dir, "images"));
        var empty = Directory.CreateDirectory(Path.Combine(dir, "empty")).FullName;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.ImportAsync("x:1", empty, None));

        Assert.Contains("neither an OCI image layout", error.Message, StringComparison.Ordinal);
    }

    [RuncFact]
    public async Task A_container_from_an_imported_OCI_layout_runs_its_Entrypoint_and_Cmd_with_its_Env_and_WorkingDir()
    {
        await using var node = await TestNode.CreateAsync();
        var layout = Path.Combine(node.Paths.Root, "layout");
        TestImage.WriteOciLayout(layout, "1.0", [TestImage.Layer1(), TestImage.Layer2Gzip()]);
        var image = await node.Images.ImportAsync("example.com/app:1.0", layout, None);

        var state = await RunAsync(node, node.Config("oci", image: image));

        Assert.Equal((0, "Completed"), (state.ExitCode, state.Reason));
        Assert.Equal(TestImage.ExpectedOutput, node.Log(node.Config("oci")));
    }

    [RuncFact]
    public async Task A_container_from_an_imported_docker_save_tarball_runs_and_args_replace_its_Cmd()
    {
        await using var node = await TestNode.CreateAsync();
        var tarball = Path.Combine(node.Paths.Root, "app.tar");
        TestImage.WriteDockerSave(tarball, "example.com/app:2.0", [TestImage.Layer1(), TestImage.Layer2Gzip()]);
        await node.Images.ImportAsync("example.com/app:2.0", tarball, None);
        var image = Assert.IsType<ImageRecord>(node.Images.Resolve("example.com/app:2.0"));

        var state = await RunAsync(node, node.Config("docker", image: image));
        var withArgs = await RunAsync(node, node.Config("args", args: ["echo args: $GREETING; pwd"], image: image));

        Assert.Equal((0, 0), (state.ExitCode, withArgs.ExitCode));
        Assert.Equal(TestImage.ExpectedOutput, node.Log(node.Config("docker")));
        Assert.Equal("args: hi from image\n/app\n", node.Log(node.Config("args")));
        var images = await node.Images.ListAsync(None);
        Assert.Contains(images, i => i.Names.Contains("example.com/app:2.0") && i.SizeBytes > 100_000);
    }

    private static async Task<ContainerState> RunAsync(TestNode node, ContainerConfig config)
    {
        await node.Runtime.StartAsync(config, None);
        return await node.WaitExitedAsync(config.Id);
    }
}
