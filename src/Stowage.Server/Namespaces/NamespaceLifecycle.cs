using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Resources;
using Stowage.Server.Strategies;

namespace Stowage.Server.Namespaces;

/// <summary>
/// Finishes namespace deletion (Kubernetes' namespace controller): when a namespace is marked for
/// deletion it deletes everything in it, waits until finalizers have let every object go, then
/// removes the "kubernetes" spec finalizer so the namespace itself disappears. Level-triggered: a
/// restart resumes unfinished namespaces from the watch's initial state.
/// </summary>
public sealed partial class NamespaceLifecycle
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly ResourceCatalog _catalog;
    private readonly ILogger<NamespaceLifecycle> _logger;
    private readonly TimeProvider _clock;

    /// <summary>Creates the loop.</summary>
    public NamespaceLifecycle(ResourceCatalog catalog, ILogger<NamespaceLifecycle> logger, TimeProvider clock)
    {
        _catalog = catalog;
        _logger = logger;
        _clock = clock;
    }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var namespaces = _catalog.Store<Namespace>();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in namespaces.WatchAsync(null, ListOptions.All, cancellationToken).ConfigureAwait(false))
                {
                    if (change.Object is Namespace { Metadata.DeletionTimestamp: not null } ns)
                    {
                        _ = FinalizeAsync(ns.Metadata.Name!, pending, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Storage.StorageException or Errors.ApiException)
            {
                LogWatchFailed(_logger, e);
                await Task.Delay(RetryInterval, _clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FinalizeAsync(string name, HashSet<string> pending, CancellationToken cancellationToken)
    {
        lock (pending)
        {
            if (!pending.Add(name))
            {
                return;
            }
        }
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var remaining = 0;
                foreach (var definition in _catalog.Definitions.Where(d => d.Namespaced))
                {
                    var page = await definition.Store.DeleteCollectionAsync(name, ListOptions.All, new DeleteOptions { PropagationPolicy = "Background" }, false, cancellationToken).ConfigureAwait(false);
                    remaining += page.Items.Count;
                }
                if (remaining == 0)
                {
                    await _catalog.Store<Namespace>().UpdateAsync(null, name,
                        ns => ns with { Spec = (ns.Spec ?? new NamespaceSpec()) with { Finalizers = ns.Spec?.Finalizers?.Where(f => f != NamespaceStrategy.KubernetesFinalizer).ToList() } },
                        new WriteOptions { FieldManager = "namespace-controller", Subresource = "finalize" }, cancellationToken).ConfigureAwait(false);
                    LogNamespaceFinalized(_logger, name);
                    return;
                }
                await Task.Delay(RetryInterval, _clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Errors.ApiException e) when (e.Code == 404)
        {
        }
        catch (Exception e) when (e is Storage.StorageException or Errors.ApiException)
        {
            LogFinalizeFailed(_logger, name, e);
        }
        finally
        {
            lock (pending)
            {
                pending.Remove(name);
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Namespace {Name} finalized")]
    private static partial void LogNamespaceFinalized(ILogger logger, string name);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Finalizing namespace {Name} failed")]
    private static partial void LogFinalizeFailed(ILogger logger, string name, Exception error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Namespace watch failed; retrying")]
    private static partial void LogWatchFailed(ILogger logger, Exception error);
}
