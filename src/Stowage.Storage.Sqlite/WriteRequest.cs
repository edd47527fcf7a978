namespace Stowage.Storage.Sqlite;

/// <summary>
/// One write waiting for the writer loop. Its task completes only after the transaction holding it has
/// committed (or failed as a whole).
/// </summary>
/// <remarks>
/// Cancellation is exact: a request cancelled before the writer takes it is never applied and its task is
/// cancelled; once taken (<see cref="TryStart"/>) it runs to its outcome whatever the token says, because the
/// caller must learn whether the write happened.
/// </remarks>
internal sealed class WriteRequest
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<WriteResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private int _state;

    public WriteRequest(WriteKind kind, string key, byte[] value, long expectedModRevision)
    {
        Kind = kind;
        Key = key;
        Value = value;
        ExpectedModRevision = expectedModRevision;
    }

    public WriteKind Kind { get; }

    public string Key { get; }

    /// <summary>A private copy of the caller's bytes, handed out in results and events from now on.</summary>
    public byte[] Value { get; }

    /// <summary>For update and delete, the precondition; for a compaction step, the revision to compact to.</summary>
    public long ExpectedModRevision { get; }

    /// <summary>Set by the writer while the batch runs; published only if the batch commits.</summary>
    public WriteResult? Result { get; set; }

    /// <summary>Set by the writer when this request alone fails (bad argument), without failing the batch.</summary>
    public Exception? Error { get; set; }

    /// <summary>For a compaction step: true when log rows at or below the target remain.</summary>
    public bool MoreToCompact { get; set; }

    public Task<WriteResult> Task => _completion.Task;

    public void AttachCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((WriteRequest)state!).TryCancel(token), this);
        }
    }

    /// <summary>Claims the request for a batch; false if it was cancelled while queued.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    public void Complete()
    {
        _registration.Unregister();
        if (Error is not null)
        {
            _completion.TrySetException(Error);
        }
        else
        {
            _completion.TrySetResult(Result ?? throw new InvalidOperationException("a committed request has no result"));
        }
    }

    public void Fail(Exception error)
    {
        _registration.Unregister();
        _completion.TrySetException(error);
    }

    private void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            _completion.TrySetCanceled(cancellationToken);
        }
    }
}
