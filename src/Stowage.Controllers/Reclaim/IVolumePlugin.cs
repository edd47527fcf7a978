using Stowage.Api.Core;

namespace Stowage.Controllers.Reclaim;

/// <summary>
/// What the reclaimer needs of a volume plugin: whether it owns a volume's source, and how to scrub
/// (Recycle) or remove (Delete) its storage. A method throws <see cref="VolumePluginException"/> with
/// a user-facing message when it cannot do the job; the volume then goes Failed with that message.
/// </summary>
public interface IVolumePlugin
{
    /// <summary>The plugin's name (e.g. kubernetes.io/host-path).</summary>
    string Name { get; }

    /// <summary>True if the plugin handles this volume's source.</summary>
    bool Supports(PersistentVolume volume);

    /// <summary>True if the plugin can recycle (scrub) volumes.</summary>
    bool CanRecycle { get; }

    /// <summary>True if the plugin can delete volumes' storage.</summary>
    bool CanDelete { get; }

    /// <summary>Removes the volume's contents, keeping the volume.</summary>
    Task RecycleAsync(PersistentVolume volume, CancellationToken cancellationToken);

    /// <summary>Removes the volume's storage.</summary>
    Task DeleteAsync(PersistentVolume volume, CancellationToken cancellationToken);
}
