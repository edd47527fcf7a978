namespace Stowage.Node.Volumes;

/// <summary>One file of a configMap, secret, downwardAPI or projected volume.</summary>
/// <param name="Data">Its bytes.</param>
/// <param name="Mode">Its permission bits (e.g. 0644 = 420).</param>
internal sealed record FileProjection(byte[] Data, int Mode);
