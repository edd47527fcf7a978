namespace Stowage.KubectlVolume.Editing;

/// <summary>What an edit of one pod spec came to: an error (the spec is then unusable) and warnings for stderr.</summary>
/// <param name="Error">oc's error text, or null when the edit succeeded.</param>
/// <param name="Warnings">Lines to print on stderr either way.</param>
internal sealed record EditOutcome(string? Error, IReadOnlyList<string> Warnings)
{
    /// <summary>Success without warnings.</summary>
    public static EditOutcome Ok(IReadOnlyList<string>? warnings = null) => new(null, warnings ?? []);

    /// <summary>A failed edit.</summary>
    public static EditOutcome Fail(string error, IReadOnlyList<string>? warnings = null) => new(error, warnings ?? []);
}
