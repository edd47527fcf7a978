using System.Threading.Channels;

namespace Stowage.Node.Streaming;

/// <summary>
/// The client's side of one exec: where stdin comes from and where output goes. The WebSocket
/// session fills it from channel frames; tests use it directly.
/// </summary>
public sealed class ExecStreams
{
    /// <summary>Standard input; its end closes the process's stdin. Null: the process gets no input.</summary>
    public Stream? Stdin { get; init; }

    /// <summary>Receives standard output (with a TTY: everything the terminal shows). Null: discarded.</summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? Stdout { get; init; }

    /// <summary>Receives standard error (never called with a TTY). Null: discarded.</summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? Stderr { get; init; }

    /// <summary>Terminal size changes (TTY only).</summary>
    public ChannelReader<TerminalSize>? Resize { get; init; }
}
