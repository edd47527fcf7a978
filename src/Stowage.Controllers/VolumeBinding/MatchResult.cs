using Stowage.Api.Core;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// The outcome of a volume search: the chosen volume (or none), or an error when the claim itself
/// cannot be evaluated (an invalid selector — unreachable for validated claims).
/// </summary>
/// <param name="Volume">The best volume, or null when none matches.</param>
/// <param name="Error">Why the search could not run; the sync fails and is retried.</param>
public readonly record struct MatchResult(PersistentVolume? Volume, string? Error)
{
    /// <summary>No volume matches.</summary>
    public static MatchResult None => default;

    /// <summary>The search found <paramref name="volume"/>.</summary>
    public static MatchResult Found(PersistentVolume volume) => new(volume, null);

    /// <summary>The search could not run.</summary>
    public static MatchResult Failed(string error) => new(null, error);
}
