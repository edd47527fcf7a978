namespace Stowage.Storage.Sqlite;

/// <summary>Idle <see cref="ReadSession"/>s for reuse; a rent beyond them opens a new one.</summary>
internal sealed class ReadSessionPool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<ReadSession> _idle = new();
    private readonly string _connectionString;
    private readonly int _maxIdle;
    private bool _disposed;

    public ReadSessionPool(string connectionString, int maxIdle)
    {
        _connectionString = connectionString;
        _maxIdle = maxIdle;
    }

    public ReadSession Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var session))
            {
                return session;
            }
        }

        return new ReadSession(_connectionString);
    }

    /// <summary>Takes a session back; a broken one (after a storage error) is closed instead.</summary>
    public void Return(ReadSession session, bool broken)
    {
        lock (_gate)
        {
            if (!broken && !_disposed && _idle.Count < _maxIdle)
            {
                _idle.Push(session);
                return;
            }
        }

        session.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var session))
            {
                session.Dispose();
            }
        }
    }
}
