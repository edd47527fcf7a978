namespace Stowage.Controllers.VolumeBinding;

/// <summary>The deleter <see cref="ReclaimDecisions.ChooseDeleter"/> picked.</summary>
/// <param name="Kind">Which kind of deleter.</param>
/// <param name="PluginName">The plugin, for <see cref="DeleterKind.ProvisioningPlugin"/>.</param>
/// <param name="Error">The failure text, for <see cref="DeleterKind.Missing"/>.</param>
public sealed record DeleterChoice(DeleterKind Kind, string? PluginName = null, string? Error = null);
