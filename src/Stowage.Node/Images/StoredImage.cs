using System.Text.Json.Serialization;

namespace Stowage.Node.Images;

/// <summary>An unpacked image's image.json: the parts of its config a container needs, and its size.</summary>
internal sealed record StoredImage(string Id, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd, IReadOnlyList<string> Env,
    string? WorkingDir, long SizeBytes);

/// <summary>The image store's own JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StoredImage))]
internal sealed partial class ImageJsonContext : JsonSerializerContext;
