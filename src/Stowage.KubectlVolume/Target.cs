namespace Stowage.KubectlVolume;

/// <summary>One thing the command line names: an object, or (Name null) every object of a kind that the selector matches.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Name">The object's name, or null for all.</param>
internal sealed record Target(ResourceKind Kind, string? Name);
