namespace Stowage.Controllers.Pool;

/// <summary>
/// A command exited with a failure status. The message carries the command line and its stderr,
/// because that is what tells an administrator what went wrong (<c>mount: wrong fs type …</c>).
/// </summary>
public sealed class CommandFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandFailedException() { }

    /// <summary>Creates the exception with a message.</summary>
    public CommandFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CommandFailedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a command that exited with <paramref name="exitCode"/>.</summary>
    public CommandFailedException(string commandLine, int exitCode, string standardError)
        : base($"{commandLine} failed with exit code {exitCode}: {Trim(standardError)}")
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The command as it would be typed in a shell.</summary>
    public string CommandLine { get; } = "";

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>What the command wrote to stderr.</summary>
    public string StandardError { get; } = "";

    private static string Trim(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "(no output on stderr)" : trimmed;
    }
}
