namespace Stowage.Node.Images;

/// <summary>An image on this node, as the Node's status lists it.</summary>
/// <param name="Names">The names it answers to.</param>
/// <param name="SizeBytes">The size of its unpacked root filesystem.</param>
public sealed record ImageSummary(IReadOnlyList<string> Names, long SizeBytes);
