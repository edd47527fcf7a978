namespace Stowage.Node.Streaming;

/// <summary>How an exec ended: the command's exit code, or the reason it could not run.</summary>
/// <param name="ExitCode">The command's exit code (meaningful when <paramref name="Error"/> is null).</param>
/// <param name="Error">Why the command could not be started or run (runc's message), else null.</param>
public sealed record ExecOutcome(int ExitCode, string? Error)
{
    /// <summary>The command ran and exited 0.</summary>
    public bool Succeeded => Error is null && ExitCode == 0;
}
