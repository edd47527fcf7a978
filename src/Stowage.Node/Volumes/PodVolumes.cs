using Stowage.Api.Core;

namespace Stowage.Node.Volumes;

/// <summary>
/// A pod's volumes after <see cref="PodVolumeManager.SetUpAsync"/>: what
/// <see cref="PodVolumeManager.MountsFor"/> turns into container mounts.
/// </summary>
/// <param name="Pod">The pod they were set up for (subPathExpr reads its containers' env and fields).</param>
/// <param name="Volumes">The volumes by name.</param>
public sealed record PodVolumes(Pod Pod, IReadOnlyDictionary<string, PodVolume> Volumes);
