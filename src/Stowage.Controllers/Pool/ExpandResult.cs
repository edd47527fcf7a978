namespace Stowage.Controllers.Pool;

/// <summary>The outcome of an expansion.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Volume">The volume afterwards (its size is the new size unless <paramref name="Kind"/> is
/// <see cref="ExpandKind.WaitingForUnmount"/>).</param>
/// <param name="OnlineRefusal">Why the filesystem could not grow online on this node (for example
/// <c>resize2fs: Permission denied to resize filesystem</c> where CAP_SYS_RESOURCE is missing), or
/// null when it was not refused.</param>
public sealed record ExpandResult(ExpandKind Kind, PoolVolume Volume, string? OnlineRefusal);
