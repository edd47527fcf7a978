using Stowage.Api.Core;
using Stowage.Node.Containers;
using Stowage.Node.Images;

namespace Stowage.Node.Agent;

/// <summary>Finds a pod's image on the node (the image store).</summary>
public interface IImageResolver
{
    /// <summary>The unpacked image, or null when the node does not have it.</summary>
    ImageRecord? Resolve(string image);

    /// <summary>What to tell the user when <paramref name="image"/> is missing (how to import it).</summary>
    string NotFoundMessage(string image);
}

/// <summary>Sets up and tears down a pod's volumes on the node (the volume manager).</summary>
public interface IPodVolumeSetup
{
    /// <summary>
    /// Sets up every volume of the pod (idempotent) and returns how each container mounts them.
    /// </summary>
    /// <exception cref="Volumes.VolumeMountException">A volume cannot be set up; the message says why.</exception>
    Task<Func<Container, IReadOnlyList<ContainerMount>>> SetUpAsync(Pod pod, CancellationToken cancellationToken);

    /// <summary>Unmounts and removes every volume of the pod (idempotent, works after a restart).</summary>
    Task TearDownAsync(string podUid, CancellationToken cancellationToken);

    /// <summary>The UIDs of pods that still have volume directories on the node.</summary>
    IReadOnlyList<string> PodsWithVolumes();
}

/// <summary>A pod's network namespace, shared by its containers.</summary>
public interface IPodNetwork
{
    /// <summary>Makes the pod's namespace (idempotent); returns its path for the runtime.</summary>
    Task<string?> EnsureAsync(string podUid, CancellationToken cancellationToken);

    /// <summary>Removes the pod's namespace (idempotent).</summary>
    Task RemoveAsync(string podUid, CancellationToken cancellationToken);
}
