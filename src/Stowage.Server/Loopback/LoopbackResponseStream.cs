namespace Stowage.Server.Loopback;

/// <summary>The application's side of a loopback response body: write-only, feeding its exchange.</summary>
internal sealed class LoopbackResponseStream : Stream
{
    private readonly LoopbackExchange _exchange;

    public LoopbackResponseStream(LoopbackExchange exchange)
    {
        _exchange = exchange;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _exchange.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _exchange.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");

    public override Task FlushAsync(CancellationToken cancellationToken) => _exchange.FlushAsync(cancellationToken).AsTask();

    public override void Flush()
    {
        // Kestrel allows a synchronous Flush as a no-op on its response body; so does the loopback transport.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
