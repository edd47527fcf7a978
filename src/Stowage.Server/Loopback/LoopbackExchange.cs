using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Stowage.Server.Loopback;

/// <summary>
/// One request on the loopback transport, seen from the server: the response's status, headers and
/// body, and the request's lifetime. The response is handed to the client once: whole when the
/// application ends without having flushed, or as a stream from the first flush (or
/// <see cref="StartAsync"/>, or a body past <see cref="BufferLimit"/>) on.
/// </summary>
internal sealed class LoopbackExchange : IHttpResponseFeature, IHttpResponseBodyFeature, IHttpRequestLifetimeFeature
{
    /// <summary>How much of a body is held before it is streamed instead (Kestrel's default response buffer is 64 KiB).</summary>
    internal const int BufferLimit = 64 * 1024;

    private readonly HttpRequestMessage _request;
    private readonly TaskCompletionSource<HttpResponseMessage> _response = new();
    private readonly CancellationTokenSource _aborted = new();
    private readonly LoopbackResponseStream _stream;
    private readonly Lock _gate = new();
    private List<(Func<object, Task> Callback, object State)>? _onStarting;
    private List<(Func<object, Task> Callback, object State)>? _onCompleted;
    private MemoryStream? _buffer;
    private Pipe? _pipe;
    private PipeWriter? _writer;

    public LoopbackExchange(HttpRequestMessage request)
    {
        _request = request;
        _stream = new LoopbackResponseStream(this);
        RequestAborted = _aborted.Token;
    }

    /// <summary>The client's response: completes when the server hands it over.</summary>
    public Task<HttpResponseMessage> Response => _response.Task;

    public int StatusCode { get; set; } = 200;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.", error: false)]
    public Stream Body
    {
        get => _stream;
        set => throw new NotSupportedException("The loopback transport's response body cannot be replaced.");
    }

    public bool HasStarted { get; private set; }

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public CancellationToken RequestAborted { get; set; }

    /// <summary>Whether the body streams to the client (false: it is held until the application ends).</summary>
    internal bool Streaming => _pipe is not null;

    /// <summary>Runs the application on the calling thread until its first wait, then hands over the response when it ends.</summary>
    /// <remarks>The returned task never fails: every failure is delivered to <see cref="Response"/> or to the body stream.</remarks>
    public async Task RunAsync(RequestDelegate application, HttpContext context)
    {
        Exception? failure = null;
        try
        {
            await application(context).ConfigureAwait(false);
            if (_writer is not null)
            {
                await _writer.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        try
        {
            await CompleteAsync(failure).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _response.TrySetException(e);
        }
        try
        {
            await RunCallbacksAsync(Interlocked.Exchange(ref _onCompleted, null)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // As Kestrel, a failing completion callback cannot change a response already handed over.
        }
    }

    public void Abort() => _aborted.Cancel();

    /// <summary>The client gave up before the response: abort the request and fail the client's wait.</summary>
    internal void AbandonBeforeResponse()
    {
        if (_response.Task.IsCompleted)
        {
            return;
        }
        // The client's wait fails first: aborting runs the application's cancellation at once, and it
        // would otherwise answer (a 500) before the client learns it gave up.
        _response.TrySetCanceled();
        Abort();
    }

    public void OnStarting(Func<object, Task> callback, object state) => (_onStarting ??= []).Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => (_onCompleted ??= []).Add((callback, state));

    public void DisableBuffering()
    {
        // Flushing starts the stream; nothing is held back once it has started.
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        StartStreaming();
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync() => await CompleteAsync(null).ConfigureAwait(false);

    /// <summary>The body stream's writes: held, or passed to the client's stream.</summary>
    internal async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        if (_pipe is null)
        {
            _buffer ??= new MemoryStream(Math.Max(data.Length, 256));
            _buffer.Write(data.Span);
            if (_buffer.Length <= BufferLimit)
            {
                return;
            }
            StartStreaming();
            return;
        }
        // A client that has gone away completes its reader; the write is dropped, as bytes sent to a closed
        // connection are, and the application learns of it through RequestAborted.
        await _pipe.Writer.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        StartStreaming();
        await _pipe!.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureStartedAsync()
    {
        if (HasStarted)
        {
            return;
        }
        HasStarted = true;
        await RunCallbacksAsync(Interlocked.Exchange(ref _onStarting, null), reverse: true).ConfigureAwait(false);
    }

    /// <summary>Hands the client a response whose body is a stream fed from here on.</summary>
    private void StartStreaming()
    {
        lock (_gate)
        {
            if (_pipe is not null || _response.Task.IsCompleted)
            {
                return;
            }
            _pipe = new Pipe();
        }
        if (_buffer is { Length: > 0 })
        {
            _pipe.Writer.Write(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
            _buffer = null;
        }
        var body = new LoopbackBodyStream(_pipe.Reader.AsStream(), this);
        _response.TrySetResult(CreateResponse(new StreamContent(body)));
    }

    private async Task CompleteAsync(Exception? failure)
    {
        if (_pipe is not null)
        {
            await _pipe.Writer.CompleteAsync(failure is null ? null : new IOException("The server ended the response early.", failure)).ConfigureAwait(false);
            return;
        }
        if (failure is not null)
        {
            // As Kestrel: a failure before anything was sent is a 500; after, the response is cut off.
            if (HasStarted)
            {
                _response.TrySetException(new HttpRequestException("The server ended the response early.", failure));
                return;
            }
            StatusCode = 500;
            Headers.Clear();
            _buffer = null;
        }
        await EnsureStartedAsync().ConfigureAwait(false);
        var content = _buffer is null ? new ByteArrayContent([]) : new ByteArrayContent(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        _response.TrySetResult(CreateResponse(content));
    }

    private HttpResponseMessage CreateResponse(HttpContent content)
    {
        var response = new HttpResponseMessage((HttpStatusCode)StatusCode)
        {
            RequestMessage = _request,
            Content = content,
            Version = HttpVersion.Version11,
        };
        if (ReasonPhrase is not null)
        {
            response.ReasonPhrase = ReasonPhrase;
        }
        foreach (var (name, values) in Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        return response;
    }

    private static async Task RunCallbacksAsync(List<(Func<object, Task> Callback, object State)>? callbacks, bool reverse = false)
    {
        if (callbacks is null)
        {
            return;
        }
        if (reverse)
        {
            callbacks.Reverse();
        }
        foreach (var (callback, state) in callbacks)
        {
            await callback(state).ConfigureAwait(false);
        }
    }
}
