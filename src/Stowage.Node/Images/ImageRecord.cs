namespace Stowage.Node.Images;

/// <summary>An unpacked image the runtime can run.</summary>
/// <param name="Name">Its normalised name (e.g. <c>docker.io/library/busybox:latest</c>).</param>
/// <param name="RootfsPath">The unpacked root filesystem (read-only lower layer for containers).</param>
/// <param name="Entrypoint">The image config's Entrypoint.</param>
/// <param name="Cmd">The image config's Cmd.</param>
/// <param name="Env">The image config's Env (KEY=VALUE).</param>
/// <param name="WorkingDir">The image config's WorkingDir.</param>
public sealed record ImageRecord(string Name, string RootfsPath, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd, IReadOnlyList<string> Env, string? WorkingDir);
