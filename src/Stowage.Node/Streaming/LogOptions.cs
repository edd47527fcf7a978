namespace Stowage.Node.Streaming;

/// <summary>The query of GET containerLogs (v1.PodLogOptions as the kubelet reads it).</summary>
public sealed record LogOptions
{
    /// <summary>Keep streaming until the container stops.</summary>
    public bool Follow { get; init; }

    /// <summary>The previous attempt's log (restart count - 1).</summary>
    public bool Previous { get; init; }

    /// <summary>Only the last N lines.</summary>
    public long? TailLines { get; init; }

    /// <summary>Stop after this many bytes.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>
    /// Only output newer than this many seconds. The log files carry no per-line times, so this is
    /// decided per file: a file last written before then contributes nothing (new lines still do).
    /// </summary>
    public long? SinceSeconds { get; init; }

    /// <summary>
    /// Prefix each line with an RFC 3339 time. Raw log files carry no per-line times: lines already
    /// in the file get the file's last write time (an upper bound), lines that arrive while
    /// following get the time the agent read them.
    /// </summary>
    public bool Timestamps { get; init; }
}
