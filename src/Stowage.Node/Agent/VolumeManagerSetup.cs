using Stowage.Api.Core;
using Stowage.Node.Containers;
using Stowage.Node.Volumes;

namespace Stowage.Node.Agent;

/// <summary>The agent's volume port over <see cref="PodVolumeManager"/>.</summary>
/// <param name="manager">The node's volume manager.</param>
public sealed class VolumeManagerSetup(PodVolumeManager manager) : IPodVolumeSetup
{
    /// <inheritdoc/>
    public async Task<Func<Container, IReadOnlyList<ContainerMount>>> SetUpAsync(Pod pod, CancellationToken cancellationToken)
    {
        var volumes = await manager.SetUpAsync(pod, cancellationToken).ConfigureAwait(false);
        return container => PodVolumeManager.MountsFor(container, volumes);
    }

    /// <inheritdoc/>
    public Task TearDownAsync(string podUid, CancellationToken cancellationToken) => manager.TearDownAsync(podUid, cancellationToken);

    /// <inheritdoc/>
    public IReadOnlyList<string> PodsWithVolumes() => manager.ListPodDirs();
}
