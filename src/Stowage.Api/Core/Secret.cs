using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>Secret data such as Ceph keys (v1.Secret).</summary>
public sealed record Secret : IApiObject<Secret>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Data, base64 in JSON.</summary>
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience: merged into Data on write.</summary>
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>The secret's type (default Opaque).</summary>
    public string? Type { get; init; }

    /// <summary>If true, data cannot change.</summary>
    public bool? Immutable { get; init; }

    /// <inheritdoc/>
    public Secret WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Secret WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}
