using Stowage.Api.Core;
using Stowage.Api.Meta;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>References to claims and volumes, and the small metadata edits the binder makes.</summary>
internal static class ObjectRefs
{
    /// <summary>A full reference to a claim (<c>ref.GetReference</c>): what a volume's claimRef and a claim event carry.</summary>
    public static ObjectReference Of(PersistentVolumeClaim claim) => new()
    {
        Kind = "PersistentVolumeClaim",
        ApiVersion = "v1",
        Namespace = claim.Metadata.Namespace,
        Name = claim.Metadata.Name,
        Uid = claim.Metadata.Uid,
        ResourceVersion = claim.Metadata.ResourceVersion,
    };

    /// <summary>A full reference to a volume, for its events.</summary>
    public static ObjectReference Of(PersistentVolume volume) => new()
    {
        Kind = "PersistentVolume",
        ApiVersion = "v1",
        Name = volume.Metadata.Name,
        Uid = volume.Metadata.Uid,
        ResourceVersion = volume.Metadata.ResourceVersion,
    };

    /// <summary>Whether the object carries the annotation (any value).</summary>
    public static bool HasAnnotation(ObjectMeta metadata, string key) => metadata.Annotations?.ContainsKey(key) == true;

    /// <summary>The metadata with the annotation set to <paramref name="value"/> (a copy; the input is not changed).</summary>
    public static ObjectMeta WithAnnotation(ObjectMeta metadata, string key, string value)
    {
        var annotations = new Dictionary<string, string>(metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [key] = value,
        };
        return metadata with { Annotations = annotations };
    }

    /// <summary>
    /// The metadata without the annotation; an annotation map left empty becomes absent, as
    /// Kubernetes' <c>unbindVolume</c> leaves it.
    /// </summary>
    public static ObjectMeta WithoutAnnotation(ObjectMeta metadata, string key)
    {
        if (!HasAnnotation(metadata, key))
        {
            return metadata;
        }
        var annotations = new Dictionary<string, string>(metadata.Annotations!, StringComparer.Ordinal);
        annotations.Remove(key);
        return metadata with { Annotations = annotations.Count == 0 ? null : annotations };
    }
}
