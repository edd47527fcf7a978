using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Selectors;

namespace Stowage.Api.Core;

/// <summary>A user's request for storage (v1.PersistentVolumeClaim).</summary>
public sealed record PersistentVolumeClaim : IApiObject<PersistentVolumeClaim>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>What the claim asks for.</summary>
    public PersistentVolumeClaimSpec? Spec { get; init; }

    /// <summary>What the claim got.</summary>
    public PersistentVolumeClaimStatus? Status { get; init; }

    /// <inheritdoc/>
    public PersistentVolumeClaim WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public PersistentVolumeClaim WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>The request of a claim.</summary>
public sealed record PersistentVolumeClaimSpec
{
    /// <summary>Requested access modes.</summary>
    public IReadOnlyList<string>? AccessModes { get; init; }

    /// <summary>A label query over volumes.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>Requested resources (requests.storage).</summary>
    public VolumeResourceRequirements? Resources { get; init; }

    /// <summary>The bound volume's name (or the volume the user pre-binds to).</summary>
    public string? VolumeName { get; init; }

    /// <summary>The requested class; null asks for the default class, "" for none.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>Filesystem or Block.</summary>
    public string? VolumeMode { get; init; }

    /// <summary>A source to populate the volume from.</summary>
    public TypedLocalObjectReference? DataSource { get; init; }

    /// <summary>A source to populate the volume from, possibly in another namespace.</summary>
    public TypedObjectReference? DataSourceRef { get; init; }

    /// <summary>The VolumeAttributesClass name.</summary>
    public string? VolumeAttributesClassName { get; init; }
}

/// <summary>Resource requests and limits of a claim.</summary>
public sealed record VolumeResourceRequirements
{
    /// <summary>Upper bounds.</summary>
    public IReadOnlyDictionary<string, Quantity>? Limits { get; init; }

    /// <summary>Minimums (requests.storage is the requested size).</summary>
    public IReadOnlyDictionary<string, Quantity>? Requests { get; init; }
}

/// <summary>A reference to an object by group, kind and name in the same namespace.</summary>
public sealed record TypedLocalObjectReference
{
    /// <summary>API group of the referent ("" or absent for core).</summary>
    public string? ApiGroup { get; init; }

    /// <summary>Kind of the referent.</summary>
    public string Kind { get => field ?? ""; init; } = "";

    /// <summary>Name of the referent.</summary>
    public string Name { get => field ?? ""; init; } = "";
}

/// <summary>A reference to an object by group, kind, name and namespace.</summary>
public sealed record TypedObjectReference
{
    /// <summary>API group of the referent.</summary>
    public string? ApiGroup { get; init; }

    /// <summary>Kind of the referent.</summary>
    public string Kind { get => field ?? ""; init; } = "";

    /// <summary>Name of the referent.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>Namespace of the referent.</summary>
    public string? Namespace { get; init; }
}

/// <summary>What a claim got.</summary>
public sealed record PersistentVolumeClaimStatus
{
    /// <summary>Pending, Bound or Lost.</summary>
    public string? Phase { get; init; }

    /// <summary>The bound volume's access modes.</summary>
    public IReadOnlyList<string>? AccessModes { get; init; }

    /// <summary>The bound volume's capacity.</summary>
    public IReadOnlyDictionary<string, Quantity>? Capacity { get; init; }

    /// <summary>Conditions (Resizing, FileSystemResizePending, ...).</summary>
    public IReadOnlyList<PersistentVolumeClaimCondition>? Conditions { get; init; }

    /// <summary>Sizes being allocated by a resize.</summary>
    public IReadOnlyDictionary<string, Quantity>? AllocatedResources { get; init; }

    /// <summary>Progress of a resize per resource.</summary>
    public IReadOnlyDictionary<string, string>? AllocatedResourceStatuses { get; init; }

    /// <summary>The current VolumeAttributesClass.</summary>
    public string? CurrentVolumeAttributesClassName { get; init; }
}

/// <summary>A condition of a claim.</summary>
public sealed record PersistentVolumeClaimCondition
{
    /// <summary>Resizing, FileSystemResizePending, ...</summary>
    public string Type { get => field ?? ""; init; } = "";

    /// <summary>True, False or Unknown.</summary>
    public string Status { get => field ?? ""; init; } = "";

    /// <summary>Last probe time.</summary>
    public DateTimeOffset? LastProbeTime { get; init; }

    /// <summary>Last transition time.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Short reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human message.</summary>
    public string? Message { get; init; }
}
