using System.Text.Json.Serialization;

namespace Stowage.Node.Containers;

/// <summary>
/// What the runtime records in a container's bundle (meta.json) before starting it, so a new agent can
/// rebuild <see cref="ContainerInfo"/> for containers an earlier one started.
/// </summary>
internal sealed record ContainerMetadata(
    string Id, string PodUid, string PodNamespace, string PodName, string ContainerName, int Attempt, DateTimeOffset StartedAt, string LogPath);

/// <summary>The JSON the runtime reads and writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ContainerMetadata))]
[JsonSerializable(typeof(RuncState))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

/// <summary>The fields of runc's own state.json (in its --root) that tell whether the container's process lives.</summary>
internal sealed record RuncState(
    [property: JsonPropertyName("init_process_pid")] int InitProcessPid,
    [property: JsonPropertyName("init_process_start")] ulong InitProcessStart,
    [property: JsonPropertyName("created")] DateTimeOffset Created);
