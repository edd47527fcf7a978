using Microsoft.Extensions.Logging;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

namespace Stowage.Runtime.Controllers;

/// <summary>What one reconcile asks of the runner.</summary>
/// <param name="RequeueAfter">Process the key again after this delay (null: only when something changes).</param>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter = null)
{
    /// <summary>Done; wait for the next change.</summary>
    public static ReconcileResult Done => default;
}

/// <summary>
/// Runs a controller: waits until every informer it reads has synced (informers are shared and run
/// by their owner, see <see cref="InformerSet"/>), then runs N workers
/// that take keys from the queue and reconcile them. A failed reconcile is retried with per-key
/// back-off, forever; a successful one resets the back-off.
/// </summary>
public sealed partial class ControllerRunner
{
    private readonly string _name;
    private readonly IReadOnlyList<IInformer> _informers;
    private readonly WorkQueue<string> _queue;
    private readonly Func<string, CancellationToken, Task<ReconcileResult>> _reconcile;
    private readonly int _workers;
    private readonly ILogger _logger;

    /// <summary>Creates the runner.</summary>
    public ControllerRunner(string name, IReadOnlyList<IInformer> informers, WorkQueue<string> queue,
        Func<string, CancellationToken, Task<ReconcileResult>> reconcile, int workers, ILogger logger)
    {
        _name = name;
        _informers = informers;
        _queue = queue;
        _reconcile = reconcile;
        _workers = workers;
        _logger = logger;
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_informers.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
            LogStarted(_logger, _name, _workers);
            var workers = Enumerable.Range(0, _workers).Select(_ => WorkAsync(cancellationToken)).ToList();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.ShutDown();
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (ok, key) = await _queue.GetAsync(cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return;
            }
            try
            {
                var result = await _reconcile(key, cancellationToken).ConfigureAwait(false);
                _queue.Forget(key);
                if (result.RequeueAfter is { } after)
                {
                    _queue.AddAfter(key, after);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never give up on a key: back off and try again (the error is logged, not swallowed).
                LogReconcileFailed(_logger, _name, key, _queue.Failures(key) + 1, e);
                _queue.AddRateLimited(key);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Controller {Controller} started with {Workers} workers")]
    private static partial void LogStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Controller {Controller} failed to reconcile {Key} (attempt {Attempt}); retrying with back-off")]
    private static partial void LogReconcileFailed(ILogger logger, string controller, string key, int attempt, Exception error);
}
