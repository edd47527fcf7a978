using System.Text.Json.Nodes;

namespace Stowage.KubectlVolume.Listing;

/// <summary>What reading a claim named by a volume gave: the claim, NotFound, or an error message.</summary>
/// <param name="Claim">The claim when it was read.</param>
/// <param name="Error">The error when reading failed for another reason than NotFound.</param>
internal sealed record ClaimState(JsonObject? Claim, string? Error)
{
    /// <summary>The claim does not exist.</summary>
    public static ClaimState NotFound { get; } = new(null, null);
}
