namespace Stowage.Controllers.VolumeBinding;

/// <summary>The result of a delete attempt, as the plugins report it to <see cref="ReclaimDecisions.AfterDelete"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Error">The plugin's error text, where there is one.</param>
public sealed record DeleteOutcome(DeleteOutcomeKind Kind, string? Error = null)
{
    /// <summary>The storage asset was deleted.</summary>
    public static DeleteOutcome Deleted { get; } = new(DeleteOutcomeKind.Deleted);

    /// <summary>An external deleter is responsible.</summary>
    public static DeleteOutcome External { get; } = new(DeleteOutcomeKind.External);

    /// <summary>No plugin supports the volume; <paramref name="error"/> is the plugin manager's text.</summary>
    public static DeleteOutcome NoPlugin(string error = "no volume plugin matched") => new(DeleteOutcomeKind.NoPlugin, error);

    /// <summary>The plugin could not create a deleter.</summary>
    public static DeleteOutcome DeleterCreationFailed(string error) => new(DeleteOutcomeKind.DeleterCreationFailed, error);

    /// <summary>The deleter failed.</summary>
    public static DeleteOutcome Failed(string error) => new(DeleteOutcomeKind.Failed, error);

    /// <summary>The asset is still in use.</summary>
    public static DeleteOutcome InUse(string error) => new(DeleteOutcomeKind.InUse, error);
}
