using Microsoft.Extensions.Logging;
using Stowage.Api.Meta;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Queues;

namespace Stowage.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector (pkg/controller/garbagecollector), over every kind it is given.
/// </summary>
/// <remarks>
/// <para>The API server starts cascading deletion; this finishes it:</para>
/// <list type="bullet">
/// <item><b>Background</b>: the owner is gone at once. Its dependents are looked at again; a
/// dependent whose owners are all gone (checked by uid against the API, not only the cache) is
/// deleted, in turn in the background, so the deletion walks down the tree.</item>
/// <item><b>Foreground</b>: the owner stays, deleting, with the <c>foregroundDeletion</c> finalizer.
/// Its dependents see an owner waiting for them and are deleted (in the foreground themselves when
/// they have dependents). When no dependent with <c>blockOwnerDeletion</c> remains, the finalizer
/// is removed and the owner goes.</item>
/// <item><b>Orphan</b>: the owner stays with the <c>orphan</c> finalizer until every dependent has
/// lost its reference to it; then the finalizer is removed.</item>
/// </list>
/// <para>A dependent with one live owner and one vanished owner only loses the dead reference.
/// Owner references to kinds the collector does not watch are taken as alive. Every step is
/// decided from current state and is idempotent, so a crash between steps is finished on restart.</para>
/// </remarks>
public sealed partial class GarbageCollector
{
    private readonly IReadOnlyList<IOwnedKind> _kinds;
    private readonly OwnerGraph _graph = new();
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;
    private readonly ILogger _logger;

    /// <summary>Creates the collector over the kinds it manages (their informers are shared and run by their owner).</summary>
    public GarbageCollector(IReadOnlyList<IOwnedKind> kinds, TimeProvider clock, ILogger logger, int workers = 4)
    {
        _kinds = kinds;
        _logger = logger;
        _queue = new WorkQueue<string>(clock);
        for (var i = 0; i < kinds.Count; i++)
        {
            var index = i;
            kinds[i].Watch((old, obj) => Changed(index, old, obj), obj => Removed(index, obj));
        }
        _runner = new ControllerRunner("garbage-collector", kinds.Select(k => k.Informer).ToList(), _queue, ProcessAsync, workers, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private static string Key(IApiObject obj) =>
        string.IsNullOrEmpty(obj.Metadata.Namespace) ? obj.Metadata.Name ?? "" : $"{obj.Metadata.Namespace}/{obj.Metadata.Name}";

    private static string QueueKey(OwnerGraph.Node node) => $"{node.Kind}|{node.Key}";

    private void Enqueue(OwnerGraph.Node node) => _queue.Add(QueueKey(node));

    private void Changed(int kind, IApiObject? old, IApiObject obj)
    {
        var node = new OwnerGraph.Node(kind, Key(obj));
        _graph.Upsert(node, obj.Metadata.Uid ?? "", obj.Metadata.OwnerReferences);
        if (obj.Metadata.OwnerReferences is { Count: > 0 } || obj.Metadata.DeletionTimestamp is not null)
        {
            Enqueue(node);
        }
        if (IsDeletingDependents(obj) || HasFinalizer(obj, Finalizers.Orphan))
        {
            foreach (var (dependent, _) in _graph.Dependents(obj.Metadata.Uid ?? ""))
            {
                Enqueue(dependent);
            }
        }
        // References dropped: owners waiting in the foreground may now be free.
        foreach (var r in old?.Metadata.OwnerReferences ?? [])
        {
            if (obj.Metadata.OwnerReferences?.Any(x => x.Uid == r.Uid) != true && _graph.Find(r.Uid) is { } owner)
            {
                Enqueue(owner);
            }
        }
    }

    private void Removed(int kind, IApiObject obj)
    {
        var node = new OwnerGraph.Node(kind, Key(obj));
        _graph.Remove(node, obj.Metadata.Uid ?? "");
        foreach (var (dependent, _) in _graph.Dependents(obj.Metadata.Uid ?? ""))
        {
            Enqueue(dependent);
        }
        foreach (var r in obj.Metadata.OwnerReferences ?? [])
        {
            if (_graph.Find(r.Uid) is { } owner)
            {
                Enqueue(owner);
            }
        }
    }

    private async Task<ReconcileResult> ProcessAsync(string queueKey, CancellationToken cancellationToken)
    {
        var bar = queueKey.IndexOf('|', StringComparison.Ordinal);
        var kind = _kinds[int.Parse(queueKey[..bar], System.Globalization.CultureInfo.InvariantCulture)];
        var obj = kind.Get(queueKey[(bar + 1)..]);
        if (obj is null)
        {
            return ReconcileResult.Done;
        }
        if (obj.Metadata.DeletionTimestamp is not null)
        {
            if (IsDeletingDependents(obj))
            {
                await ProcessDeletingDependentsAsync(kind, obj, cancellationToken).ConfigureAwait(false);
            }
            else if (HasFinalizer(obj, Finalizers.Orphan))
            {
                await OrphanDependentsAsync(kind, obj, cancellationToken).ConfigureAwait(false);
            }
            return ReconcileResult.Done;
        }
        var owners = obj.Metadata.OwnerReferences ?? [];
        if (owners.Count == 0)
        {
            return ReconcileResult.Done;
        }
        var states = new List<(OwnerReference Reference, OwnerState State)>();
        foreach (var r in owners)
        {
            states.Add((r, await ClassifyAsync(obj, r, cancellationToken).ConfigureAwait(false)));
        }
        var hasDependents = _graph.Dependents(obj.Metadata.Uid ?? "").Count > 0;
        switch (GarbageDecision.Decide(states.Select(s => s.State).ToList(), hasDependents))
        {
            case GarbageAction.RemoveReferences:
                var keep = states.Where(s => s.State == OwnerState.Solid).Select(s => s.Reference).ToList();
                await kind.UpdateMetadataAsync(obj, obj.Metadata with { OwnerReferences = keep }, cancellationToken).ConfigureAwait(false);
                break;
            case GarbageAction.DeleteForeground:
                LogDeleting(_logger, kind.Kind, obj.Metadata.Namespace, obj.Metadata.Name, "Foreground");
                await kind.DeleteAsync(obj, "Foreground", cancellationToken).ConfigureAwait(false);
                break;
            case GarbageAction.Delete:
                var policy = HasFinalizer(obj, Finalizers.Orphan) ? "Orphan" : HasFinalizer(obj, Finalizers.ForegroundDeletion) ? "Foreground" : "Background";
                LogDeleting(_logger, kind.Kind, obj.Metadata.Namespace, obj.Metadata.Name, policy);
                await kind.DeleteAsync(obj, policy, cancellationToken).ConfigureAwait(false);
                break;
        }
        return ReconcileResult.Done;
    }

    // classifyReferences, one reference: the cache first, then the API (the cache may not have
    // seen a new owner yet). Kinds the collector does not manage count as alive.
    private async Task<OwnerState> ClassifyAsync(IApiObject dependent, OwnerReference reference, CancellationToken cancellationToken)
    {
        var group = reference.ApiVersion.Contains('/', StringComparison.Ordinal) ? reference.ApiVersion[..reference.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = _kinds.FirstOrDefault(k => k.Kind == reference.Kind && k.Group == group);
        if (kind is null)
        {
            return OwnerState.Solid;
        }
        IApiObject? owner = null;
        if (_graph.Find(reference.Uid) is { } node && _kinds[node.Kind] == kind)
        {
            owner = kind.Get(node.Key);
        }
        if (owner is null || owner.Metadata.Uid != reference.Uid)
        {
            owner = await kind.GetLiveAsync(kind.Namespaced ? dependent.Metadata.Namespace : null, reference.Name, cancellationToken).ConfigureAwait(false);
        }
        if (owner is null || owner.Metadata.Uid != reference.Uid)
        {
            return OwnerState.Dangling;
        }
        return IsDeletingDependents(owner) ? OwnerState.WaitingForDependentsDeletion : OwnerState.Solid;
    }

    // processDeletingDependentsItem: wait for dependents that block the owner; let it go when none remain.
    private async Task ProcessDeletingDependentsAsync(IOwnedKind kind, IApiObject owner, CancellationToken cancellationToken)
    {
        var dependents = _graph.Dependents(owner.Metadata.Uid ?? "");
        var blocking = dependents.Where(d => d.Reference.BlockOwnerDeletion == true && _kinds[d.Node.Kind].Get(d.Node.Key) is not null).ToList();
        if (blocking.Count == 0)
        {
            await RemoveFinalizerAsync(kind, owner, Finalizers.ForegroundDeletion, cancellationToken).ConfigureAwait(false);
            return;
        }
        foreach (var (node, _) in dependents)
        {
            Enqueue(node);
        }
    }

    // orphanDependents: every dependent loses its reference to the owner, then the finalizer goes.
    private async Task OrphanDependentsAsync(IOwnedKind kind, IApiObject owner, CancellationToken cancellationToken)
    {
        var uid = owner.Metadata.Uid ?? "";
        foreach (var (node, _) in _graph.Dependents(uid))
        {
            var dependentKind = _kinds[node.Kind];
            if (dependentKind.Get(node.Key) is not { } dependent)
            {
                continue;
            }
            var refs = (dependent.Metadata.OwnerReferences ?? []).Where(r => r.Uid != uid).ToList();
            await dependentKind.UpdateMetadataAsync(dependent, dependent.Metadata with { OwnerReferences = refs.Count == 0 ? null : refs }, cancellationToken).ConfigureAwait(false);
        }
        await RemoveFinalizerAsync(kind, owner, Finalizers.Orphan, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RemoveFinalizerAsync(IOwnedKind kind, IApiObject obj, string finalizer, CancellationToken cancellationToken)
    {
        var rest = (obj.Metadata.Finalizers ?? []).Where(f => f != finalizer).ToList();
        await kind.UpdateMetadataAsync(obj, obj.Metadata with { Finalizers = rest.Count == 0 ? null : rest }, cancellationToken).ConfigureAwait(false);
    }

    private static bool HasFinalizer(IApiObject obj, string finalizer) => obj.Metadata.Finalizers?.Contains(finalizer) == true;

    private static bool IsDeletingDependents(IApiObject obj) =>
        obj.Metadata.DeletionTimestamp is not null && HasFinalizer(obj, Finalizers.ForegroundDeletion);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Debug, Message = "Garbage collector deleting {Kind} {Namespace}/{Name} ({Policy})")]
    private static partial void LogDeleting(ILogger logger, string kind, string? @namespace, string? name, string policy);

    /// <summary>The finalizers of cascading deletion.</summary>
    public static class Finalizers
    {
        /// <summary>Orphan dependents before the owner goes.</summary>
        public const string Orphan = "orphan";

        /// <summary>Delete dependents before the owner goes.</summary>
        public const string ForegroundDeletion = "foregroundDeletion";
    }
}
