using System.Net.WebSockets;

namespace Stowage.Server.NodeProxy;

/// <summary>
/// Relays messages between two WebSockets unchanged (type, boundaries), both ways, until both have
/// closed. A close from one side is passed on to the other with its code, so the agent's normal
/// close after the exit Status reaches kubectl, which then exits with the command's code. A side
/// that drops without a close aborts the other.
/// </summary>
public static class WebSocketRelay
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    /// <summary>Relays until both directions are closed or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(WebSocket client, WebSocket backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(backend);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = PumpAsync(client, backend, stop.Token);
        var down = PumpAsync(backend, client, stop.Token);
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        if (!await first.ConfigureAwait(false))
        {
            // One side dropped: there is nobody to finish the conversation with.
            client.Abort();
            backend.Abort();
        }
        var other = first == up ? down : up;
        if (await Task.WhenAny(other, Task.Delay(CloseGrace, CancellationToken.None)).ConfigureAwait(false) != other)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            client.Abort();
            backend.Abort();
        }
        await other.ConfigureAwait(false);
    }

    // True when the source closed normally (and the close was passed on), false when it failed.
    private static async Task<bool> PumpAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await from.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken).ConfigureAwait(false);
                    }
                    return true;
                }
                await to.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }
}
