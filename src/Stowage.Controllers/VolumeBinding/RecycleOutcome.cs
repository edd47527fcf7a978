namespace Stowage.Controllers.VolumeBinding;

/// <summary>The result of a recycle attempt, as the plugins report it to <see cref="ReclaimDecisions.AfterRecycle"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Error">The plugin's error text, for <see cref="RecycleOutcomeKind.Failed"/>.</param>
public sealed record RecycleOutcome(RecycleOutcomeKind Kind, string? Error = null)
{
    /// <summary>The volume was recycled.</summary>
    public static RecycleOutcome Recycled { get; } = new(RecycleOutcomeKind.Recycled);

    /// <summary>No recycler plugin exists for the volume.</summary>
    public static RecycleOutcome NoPlugin { get; } = new(RecycleOutcomeKind.NoPlugin);

    /// <summary>The recycler failed with <paramref name="error"/>.</summary>
    public static RecycleOutcome Failed(string error) => new(RecycleOutcomeKind.Failed, error);
}
