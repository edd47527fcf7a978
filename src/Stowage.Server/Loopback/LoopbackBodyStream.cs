namespace Stowage.Server.Loopback;

/// <summary>
/// The client's side of a streamed loopback response: reads what the application writes; disposing it
/// aborts the request, as closing the connection would.
/// </summary>
internal sealed class LoopbackBodyStream : Stream
{
    private readonly Stream _inner;
    private readonly LoopbackExchange _exchange;

    public LoopbackBodyStream(Stream inner, LoopbackExchange exchange)
    {
        _inner = inner;
        _exchange = exchange;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _exchange.Abort();
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
