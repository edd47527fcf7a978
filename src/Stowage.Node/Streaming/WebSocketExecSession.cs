using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Stowage.Node.Streaming;

/// <summary>
/// One exec over an accepted WebSocket: demultiplexes the client's channel messages into stdin and
/// resizes, multiplexes stdout and stderr into messages, and when the command ends writes its Status
/// on the error channel and closes the socket normally (client-go reads the error channel to its end,
/// which the close marks). A client that closes or drops the socket cancels the command.
/// </summary>
public sealed class WebSocketExecSession
{
    private readonly WebSocket _socket;
    private readonly string _protocol;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>Wraps an accepted socket that negotiated <paramref name="protocol"/>.</summary>
    public WebSocketExecSession(WebSocket socket, string protocol)
    {
        _socket = socket;
        _protocol = protocol;
    }

    /// <summary>Runs the exec: <paramref name="run"/> is given the streams and returns the outcome.</summary>
    public async Task RunAsync(ExecRequest request, Func<ExecStreams, CancellationToken, Task<ExecOutcome>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        using var clientGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = new Pipe();
        var resize = Channel.CreateUnbounded<TerminalSize>();
        var streams = new ExecStreams
        {
            Stdin = request.Stdin ? stdin.Reader.AsStream() : null,
            Stdout = (data, ct) => SendAsync(RemoteCommandProtocol.StdoutChannel, data, ct),
            Stderr = (data, ct) => SendAsync(RemoteCommandProtocol.StderrChannel, data, ct),
            Resize = request.Tty ? resize.Reader : null,
        };
        var receiving = ReceiveAsync(stdin.Writer, resize.Writer, clientGone);
        ExecOutcome outcome;
        try
        {
            outcome = await run(streams, clientGone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            await stdin.Writer.CompleteAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
            return;
        }
        var status = RemoteCommandProtocol.ExitStatus(outcome, request.Command);
        try
        {
            await SendAsync(RemoteCommandProtocol.ErrorChannel, RemoteCommandProtocol.StatusJson(status), cancellationToken).ConfigureAwait(false);
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client is gone; nothing left to tell it.
        }
        // The client answers the close; the receive loop ends with it (or when the request ends).
        using var closeWait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using (closeWait.Token.Register(() => clientGone.Cancel()).ConfigureAwait(false))
        {
            await receiving.ConfigureAwait(false);
        }
    }

    private async ValueTask SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var frame = RemoteCommandProtocol.Frame(channel, data.Span);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveAsync(PipeWriter stdin, ChannelWriter<TerminalSize> resize, CancellationTokenSource clientGone)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        var stdinOpen = true;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, clientGone.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // A close before the Status means the client gave up: stop the command.
                    await clientGone.CancelAsync().ConfigureAwait(false);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var data = message.GetBuffer().AsMemory(0, (int)message.Length);
                if (data.Length > 0)
                {
                    var channel = data.Span[0];
                    var payload = data[1..];
                    switch (channel)
                    {
                        case RemoteCommandProtocol.StdinChannel when stdinOpen:
                            await stdin.WriteAsync(payload, clientGone.Token).ConfigureAwait(false);
                            break;
                        case RemoteCommandProtocol.ResizeChannel when RemoteCommandProtocol.TryParseResize(payload.Span, out var size):
                            resize.TryWrite(size);
                            break;
                        case RemoteCommandProtocol.CloseChannel when RemoteCommandProtocol.SupportsStreamClose(_protocol)
                            && payload.Length == 1 && payload.Span[0] == RemoteCommandProtocol.StdinChannel && stdinOpen:
                            stdinOpen = false;
                            await stdin.CompleteAsync().ConfigureAwait(false);
                            break;
                    }
                }
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            await clientGone.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            if (stdinOpen)
            {
                await stdin.CompleteAsync().ConfigureAwait(false);
            }
            resize.TryComplete();
        }
    }
}
