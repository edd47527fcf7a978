namespace Stowage.KubectlVolume.Editing;

/// <summary>What <c>--add</c> puts into a pod template (oc's AddVolumeOptions, after completion).</summary>
internal sealed record AddVolumeOptions
{
    /// <summary>The source type, lower case: emptydir, hostpath, secret, configmap, persistentvolumeclaim or pvc; empty with <see cref="Source"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>Whether the type was given (or implied by a type's own flag), so an overwrite replaces the source.</summary>
    public bool TypeChanged { get; init; }

    /// <summary>Where to mount the volume; empty adds (or keeps) the volume without touching mounts.</summary>
    public string MountPath { get; init; } = "";

    /// <summary>The mount's subPath.</summary>
    public string SubPath { get; init; } = "";

    /// <summary>Octal default mode for secrets and config maps (e.g. 644).</summary>
    public string DefaultMode { get; init; } = "";

    /// <summary>Whether an existing volume (and its mounts) of that name may be replaced.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The host path for hostPath.</summary>
    public string Path { get; init; } = "";

    /// <summary>The config map for configmap.</summary>
    public string ConfigMapName { get; init; } = "";

    /// <summary>The secret for secret.</summary>
    public string SecretName { get; init; } = "";

    /// <summary>A volume source as JSON, for the types without flags of their own.</summary>
    public string Source { get; init; } = "";

    /// <summary>The claim for pvc.</summary>
    public string ClaimName { get; init; } = "";

    /// <summary>Whether to create the claim (<c>--claim-size</c> was given).</summary>
    public bool CreateClaim { get; init; }

    /// <summary>The new claim's size, canonical.</summary>
    public string ClaimSize { get; init; } = "";

    /// <summary>The new claim's access mode.</summary>
    public string ClaimMode { get; init; } = "ReadWriteOnce";

    /// <summary>The new claim's class; null leaves it to the default class.</summary>
    public string? ClaimClass { get; init; }
}
