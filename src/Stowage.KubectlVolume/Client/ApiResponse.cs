using System.Text.Json.Nodes;

namespace Stowage.KubectlVolume.Client;

/// <summary>An API answer: the object, or the failure (an expected outcome, not an exception).</summary>
/// <param name="Object">The object, on success.</param>
/// <param name="Error">The failure.</param>
internal sealed record ApiResponse(JsonObject? Object, ApiStatus? Error);
