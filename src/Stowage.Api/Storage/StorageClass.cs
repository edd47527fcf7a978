using Stowage.Api.Core;
using Stowage.Api.Meta;

namespace Stowage.Api.Storage;

/// <summary>A class of dynamically provisioned storage (storage.k8s.io/v1 StorageClass).</summary>
public sealed record StorageClass : IApiObject<StorageClass>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The provisioner's name.</summary>
    public string Provisioner { get => field ?? ""; init; } = "";

    /// <summary>Parameters for the provisioner.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Delete (default) or Retain.</summary>
    public string? ReclaimPolicy { get; init; }

    /// <summary>Mount options of provisioned volumes.</summary>
    public IReadOnlyList<string>? MountOptions { get; init; }

    /// <summary>Whether claims of this class may grow.</summary>
    public bool? AllowVolumeExpansion { get; init; }

    /// <summary>Immediate (default) or WaitForFirstConsumer.</summary>
    public string? VolumeBindingMode { get; init; }

    /// <summary>Topologies where volumes may be provisioned.</summary>
    public IReadOnlyList<TopologySelectorTerm>? AllowedTopologies { get; init; }

    /// <inheritdoc/>
    public StorageClass WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public StorageClass WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>A topology selector term (ANDed label requirements).</summary>
public sealed record TopologySelectorTerm
{
    /// <summary>The requirements.</summary>
    public IReadOnlyList<TopologySelectorLabelRequirement>? MatchLabelExpressions { get; init; }
}

/// <summary>A topology label key and its allowed values.</summary>
public sealed record TopologySelectorLabelRequirement
{
    /// <summary>The label key.</summary>
    public string Key { get => field ?? ""; init; } = "";

    /// <summary>Allowed values.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];
}
