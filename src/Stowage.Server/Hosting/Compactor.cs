using Microsoft.Extensions.Logging;
using Stowage.Storage;

namespace Stowage.Server.Hosting;

/// <summary>
/// Compacts datastore history as kube-apiserver does: every interval, discard history up to the
/// revision seen one interval ago, so watchers and paged lists have at least one interval of history.
/// </summary>
public sealed partial class Compactor
{
    private readonly IStore _store;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly ILogger<Compactor> _logger;

    /// <summary>Creates the loop.</summary>
    public Compactor(IStore store, TimeSpan interval, TimeProvider clock, ILogger<Compactor> logger)
    {
        _store = store;
        _interval = interval;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long previous = 0;
        try
        {
            while (true)
            {
                await Task.Delay(_interval, _clock, cancellationToken).ConfigureAwait(false);
                if (previous > 0)
                {
                    try
                    {
                        await _store.CompactAsync(previous, cancellationToken).ConfigureAwait(false);
                        LogCompacted(_logger, previous);
                    }
                    catch (StorageException e)
                    {
                        LogCompactionFailed(_logger, e);
                    }
                }
                previous = await _store.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Compacted history up to revision {Revision}")]
    private static partial void LogCompacted(ILogger logger, long revision);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Compaction failed")]
    private static partial void LogCompactionFailed(ILogger logger, Exception error);
}
