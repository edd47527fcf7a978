using System.Globalization;
using System.Text;

namespace Stowage.Node.Streaming;

/// <summary>
/// Serves a container's log from the files the runtime appends to
/// (<see cref="NodePaths.ContainerLog"/>: raw stdout and stderr bytes, one file per attempt). With
/// follow it tails the file until the attempt is no longer running and the file is drained, or the
/// client goes away. Growth is noticed by polling every <see cref="PollInterval"/>: cheap for the
/// handful of followers a node has, and immune to the missed events of inotify on busy files.
/// </summary>
public sealed class ContainerLogReader
{
    /// <summary>How often a followed file is checked for growth and its container for exit.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly NodePaths _paths;
    private readonly IContainerLocator _locator;
    private readonly TimeProvider _clock;

    /// <summary>Creates a reader over the agent's paths and its view of the containers.</summary>
    public ContainerLogReader(NodePaths paths, IContainerLocator locator, TimeProvider clock)
    {
        _paths = paths;
        _locator = locator;
        _clock = clock;
    }

    /// <summary>
    /// Checks the request and returns the function that streams the log, so that errors can still
    /// be answered with an HTTP status before the first byte.
    /// </summary>
    /// <exception cref="ContainerLogException">No such container, or no previous attempt.</exception>
    public Func<Stream, CancellationToken, Task> Open(string ns, string pod, string container, LogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var location = _locator.Locate(ns, pod, container)
            ?? throw new ContainerLogException(404, $"container \"{container}\" not found in pod \"{pod}\"");
        var attempt = options.Previous ? location.CurrentAttempt - 1 : location.CurrentAttempt;
        var path = attempt < 0 ? null : _paths.ContainerLog(location.PodUid, container, attempt);
        if (options.Previous && (path is null || !File.Exists(path)))
        {
            throw new ContainerLogException(400, $"previous terminated container \"{container}\" in pod \"{pod}\" not found");
        }
        if (path is null)
        {
            throw new ContainerLogException(400, $"container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating");
        }
        var follow = options.Follow && !options.Previous;
        return (output, cancellationToken) => StreamAsync(ns, pod, container, attempt, path, follow, options, output, cancellationToken);
    }

    private async Task StreamAsync(string ns, string pod, string container, int attempt, string path, bool follow, LogOptions options,
        Stream output, CancellationToken cancellationToken)
    {
        var writer = new LogWriter(output, options.LimitBytes, options.Timestamps);
        var stream = OpenShared(path);
        try
        {
            if (stream is not null)
            {
                var written = File.GetLastWriteTimeUtc(path);
                var since = options.SinceSeconds is { } s ? _clock.GetUtcNow().UtcDateTime.AddSeconds(-s) : (DateTime?)null;
                var start = since is { } t && written < t
                    ? stream.Length
                    : options.TailLines is { } tail ? TailOffset(stream, tail) : 0;
                stream.Position = start;
                var existing = stream.Length;
                await CopyAsync(stream, existing - start, writer, new DateTimeOffset(written, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
            }
            if (!follow)
            {
                return;
            }
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(PollInterval, _clock);
            while (!writer.Full)
            {
                stream ??= OpenShared(path);
                var running = _locator.Locate(ns, pod, container) is { Running: true } now && now.CurrentAttempt == attempt;
                if (stream is not null && stream.Length > stream.Position)
                {
                    await CopyAsync(stream, stream.Length - stream.Position, writer, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (!running)
                {
                    return; // stopped, and everything it wrote before stopping has been sent
                }
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static FileStream? OpenShared(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task CopyAsync(FileStream stream, long count, LogWriter writer, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (count > 0 && !writer.Full)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }
            count -= n;
            await writer.WriteAsync(buffer.AsMemory(0, n), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The offset where the last <paramref name="lines"/> lines begin (a final line without newline counts).</summary>
    internal static long TailOffset(Stream stream, long lines)
    {
        if (lines <= 0)
        {
            return stream.Length;
        }
        var length = stream.Length;
        var buffer = new byte[8192];
        var position = length;
        long newlines = 0;
        // A trailing newline ends the last line rather than starting an empty one.
        var skipLast = true;
        while (position > 0)
        {
            var size = (int)Math.Min(buffer.Length, position);
            position -= size;
            stream.Position = position;
            stream.ReadExactly(buffer, 0, size);
            for (var i = size - 1; i >= 0; i--)
            {
                if (buffer[i] != (byte)'\n')
                {
                    skipLast = false;
                    continue;
                }
                if (skipLast && position + i == length - 1)
                {
                    skipLast = false;
                    continue;
                }
                if (++newlines == lines)
                {
                    return position + i + 1;
                }
            }
        }
        return 0;
    }

    // Applies limitBytes and the timestamp prefix while writing.
    private sealed class LogWriter(Stream output, long? limit, bool timestamps)
    {
        private long _remaining = limit ?? long.MaxValue;
        private bool _lineStart = true;

        public bool Full => _remaining <= 0;

        public async Task WriteAsync(ReadOnlyMemory<byte> data, DateTimeOffset time, CancellationToken cancellationToken)
        {
            if (!timestamps)
            {
                await EmitAsync(data, cancellationToken).ConfigureAwait(false);
                return;
            }
            var prefix = Encoding.ASCII.GetBytes(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff00'Z' ", CultureInfo.InvariantCulture));
            while (data.Length > 0 && !Full)
            {
                if (_lineStart)
                {
                    await EmitAsync(prefix, cancellationToken).ConfigureAwait(false);
                    _lineStart = false;
                }
                var newline = data.Span.IndexOf((byte)'\n');
                var end = newline < 0 ? data.Length : newline + 1;
                await EmitAsync(data[..end], cancellationToken).ConfigureAwait(false);
                _lineStart = newline >= 0;
                data = data[end..];
            }
        }

        private async Task EmitAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            var n = (int)Math.Min(data.Length, _remaining);
            if (n <= 0)
            {
                return;
            }
            await output.WriteAsync(data[..n], cancellationToken).ConfigureAwait(false);
            _remaining -= n;
        }
    }
}
