namespace Stowage.Node.Streaming;

/// <summary>What <c>kubectl exec</c> asks for (the kubelet's exec query parameters).</summary>
/// <param name="Command">argv of the command to run in the container.</param>
/// <param name="Stdin">The client sends stdin.</param>
/// <param name="Stdout">The client wants stdout.</param>
/// <param name="Stderr">The client wants stderr (never with a TTY: the terminal merges it into stdout).</param>
/// <param name="Tty">Run the command on a terminal.</param>
public sealed record ExecRequest(IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty);
