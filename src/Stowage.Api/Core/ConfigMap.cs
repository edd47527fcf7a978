using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>Configuration data (v1.ConfigMap).</summary>
public sealed record ConfigMap : IApiObject<ConfigMap>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>UTF-8 data.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Binary data, base64 in JSON.</summary>
    public IReadOnlyDictionary<string, byte[]>? BinaryData { get; init; }

    /// <summary>If true, data cannot change.</summary>
    public bool? Immutable { get; init; }

    /// <inheritdoc/>
    public ConfigMap WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public ConfigMap WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}
