using Stowage.Node.Containers;
using Stowage.Node.Images;
using Stowage.Node.Streaming;

namespace Stowage.Node.Agent;

/// <summary>The agent's image port over the node's <see cref="ImageStore"/>.</summary>
/// <param name="store">The image store.</param>
public sealed class ImageStoreResolver(ImageStore store) : IImageResolver
{
    /// <inheritdoc/>
    public ImageRecord? Resolve(string image) => store.Resolve(image);

    /// <inheritdoc/>
    public string NotFoundMessage(string image) => ImageStore.NotFoundMessage(image);
}

/// <summary>The agent's network port over <see cref="PodSandbox"/> (one network namespace per pod).</summary>
/// <param name="sandbox">The sandbox manager.</param>
public sealed class SandboxNetwork(PodSandbox sandbox) : IPodNetwork
{
    /// <inheritdoc/>
    public async Task<string?> EnsureAsync(string podUid, CancellationToken cancellationToken) =>
        await sandbox.EnsureAsync(podUid, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task RemoveAsync(string podUid, CancellationToken cancellationToken) => sandbox.RemoveAsync(podUid, cancellationToken);
}

/// <summary>A locator whose target is set once the agent exists (the streaming server starts first, to publish its port).</summary>
internal sealed class LateLocator : IContainerLocator
{
    public IContainerLocator? Target { get; set; }

    public ContainerLocation? Locate(string ns, string podName, string containerName) => Target?.Locate(ns, podName, containerName);
}
