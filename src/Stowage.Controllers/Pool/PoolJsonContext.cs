using System.Text.Json.Serialization;

namespace Stowage.Controllers.Pool;

/// <summary>Source-generated JSON for the pool's state files.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(VolumeState))]
internal sealed partial class PoolJsonContext : JsonSerializerContext;
