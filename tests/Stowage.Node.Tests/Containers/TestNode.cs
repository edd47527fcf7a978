using System.Diagnostics;
using Stowage.Node.Containers;
using Stowage.Node.Images;

namespace Stowage.Node.Tests.Containers;

/// <summary>
/// A throwaway node root for one test: the built-in busybox image, a runc runtime with its own --root, and a pod
/// UID of its own. Disposal removes every container and network namespace the test made and fails the test if a
/// mount is left, so a failing test does not leak into the next.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private TestNode(NodePaths paths, ImageStore images, ImageRecord busybox)
    {
        Paths = paths;
        Images = images;
        Busybox = busybox;
        Runtime = new RuncRuntime(paths);
    }

    public NodePaths Paths { get; }

    public ImageStore Images { get; }

    public ImageRecord Busybox { get; }

    public RuncRuntime Runtime { get; }

    public PodSandbox Sandbox { get; } = new();

    public string PodUid { get; } = Guid.NewGuid().ToString();

    public static async Task<TestNode> CreateAsync()
    {
        var paths = new NodePaths(Path.Combine(Path.GetTempPath(), "stowage-node-" + Guid.NewGuid().ToString("N")[..12]));
        var images = new ImageStore(paths.Images);
        await images.EnsureBuiltInAsync(CancellationToken.None);
        return new TestNode(paths, images, images.Resolve("busybox") ?? throw new InvalidOperationException("no busybox image"));
    }

    public ContainerConfig Config(string name, IReadOnlyList<string>? command = null, IReadOnlyList<string>? args = null, ImageRecord? image = null) => new()
    {
        Id = ContainerIds.For(PodUid, name),
        PodUid = PodUid,
        PodNamespace = "default",
        PodName = "pod",
        ContainerName = name,
        Image = image ?? Busybox,
        Command = command,
        Args = args,
        Hostname = "pod",
        LogPath = Paths.ContainerLog(PodUid, name, 0),
    };

    public string Log(ContainerConfig config) => File.Exists(config.LogPath) ? File.ReadAllText(config.LogPath) : "";

    public Task<ContainerState> WaitExitedAsync(string id) => WaitExitedAsync(Runtime, id);

    public static async Task<ContainerState> WaitExitedAsync(IContainerRuntime runtime, string id)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var state = await runtime.GetStateAsync(id, CancellationToken.None);
            if (state is { Status: ContainerStatus.Exited })
            {
                return state;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"container {id} did not exit in 30 s (state {state})");
            await Task.Delay(10);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in await Runtime.ListAsync(CancellationToken.None))
        {
            await Runtime.RemoveAsync(container.Id, CancellationToken.None);
        }
        await Sandbox.RemoveAsync(PodUid, CancellationToken.None);
        var mounts = Mounts.Under(Paths.Root);
        if (Directory.Exists(Paths.Root) && mounts.Count == 0)
        {
            Directory.Delete(Paths.Root, recursive: true);
        }
        Assert.Empty(mounts);
    }
}
