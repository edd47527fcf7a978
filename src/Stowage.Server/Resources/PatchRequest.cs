using System.Text.Json.Nodes;

namespace Stowage.Server.Resources;

/// <summary>The patch formats.</summary>
public enum PatchType
{
    /// <summary>application/json-patch+json (RFC 6902).</summary>
    Json,
    /// <summary>application/merge-patch+json (RFC 7386).</summary>
    Merge,
    /// <summary>application/strategic-merge-patch+json.</summary>
    StrategicMerge,
    /// <summary>application/apply-patch+yaml (server-side apply).</summary>
    Apply,
}

/// <summary>A patch of some type.</summary>
/// <param name="Type">The format.</param>
/// <param name="Body">The parsed patch document.</param>
public sealed record PatchRequest(PatchType Type, JsonNode Body);
