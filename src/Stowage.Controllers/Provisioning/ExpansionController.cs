using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Quantities;
using Stowage.Controllers.VolumeBinding;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Provisioning;

/// <summary>
/// Grows the local provisioner's volumes when their claims ask for more (Kubernetes' expand
/// controller and external resizer, for <c>stowage.io/local</c>). The API has already refused
/// shrinking and classes without allowVolumeExpansion. Steps, each idempotent so a crash between
/// any two resumes: mark the claim Resizing (allocatedResources, ControllerResizeInProgress), grow the
/// pool volume, raise the PV's capacity, then set the claim's status.capacity and clear the resize state.
/// A filesystem that can only grow offline while a pod uses the volume leaves the claim at its old
/// capacity with <c>FileSystemResizePending</c> (NodeResizePending), as Kubernetes does while the node
/// has not finished, and is tried again (1 s, doubling to 1 min) until the volume is free.
/// </summary>
public sealed partial class ExpansionController
{
    /// <summary>The claim annotation naming the resizer.</summary>
    public const string ResizerAnnotation = "volume.kubernetes.io/storage-resizer";

    private readonly ApiClient _client;
    private readonly IVolumePool _pool;
    private readonly EventRecorder _recorder;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;
    private readonly ItemBackoff<string> _pendingRetries = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    /// <summary>The claim condition while the filesystem waits for its volume to be free (Kubernetes' text).</summary>
    public const string FileSystemResizePendingMessage = "Waiting for user to (re-)start a pod to finish file system resize of volume on node.";

    /// <summary>Creates the controller.</summary>
    public ExpansionController(ApiClient client, IVolumePool pool, EventRecorder recorder, Informer<PersistentVolumeClaim> claims,
        Informer<PersistentVolume> volumes, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _pool = pool;
        _recorder = recorder;
        _claims = claims;
        _volumes = volumes;
        _clock = clock;
        _logger = logger;
        _queue = new WorkQueue<string>(clock);
        claims.OnAdd(c => _queue.Add(Informer<PersistentVolumeClaim>.KeyOf(c)));
        claims.OnUpdate((_, c) => _queue.Add(Informer<PersistentVolumeClaim>.KeyOf(c)));
        _runner = new ControllerRunner("volume-expander", [claims, volumes], _queue, ReconcileAsync, 2, logger);
    }

    /// <summary>Runs until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _runner.RunAsync(cancellationToken);

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var claim = _claims.Get(key);
        if (claim is null || claim.Status?.Phase != "Bound" || string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            return ReconcileResult.Done;
        }
        var volume = _volumes.Get(claim.Spec.VolumeName);
        if (volume is null || volume.Metadata.Annotations?.GetValueOrDefault(BinderAnnotations.ProvisionedBy) != Provisioners.Local)
        {
            return ReconcileResult.Done;
        }
        var requested = claim.Spec.Resources?.Requests?.GetValueOrDefault("storage");
        var current = claim.Status.Capacity?.GetValueOrDefault("storage");
        if (requested is not { } want || current is not { } have || want <= have)
        {
            _pendingRetries.Forget(key);
            return ReconcileResult.Done;
        }
        var now = _clock.GetUtcNow();
        var bytes = LocalProvisioner.RoundUpToMebibytes(want.Value);
        var target = Quantity.FromBytes(bytes);

        // 1. The claim says a resize is under way.
        if (claim.Status.AllocatedResourceStatuses?.GetValueOrDefault("storage") is not ("ControllerResizeInProgress" or "NodeResizePending"))
        {
            claim = await _client.UpdateAsync(ResourceTypes.PersistentVolumeClaims, claim with
            {
                Metadata = claim.Metadata with { Annotations = With(claim.Metadata.Annotations, ResizerAnnotation, Provisioners.Local) },
            }, cancellationToken).ConfigureAwait(false);
            claim = await _client.UpdateStatusAsync(ResourceTypes.PersistentVolumeClaims, claim with
            {
                Status = claim.Status! with
                {
                    Conditions = [new PersistentVolumeClaimCondition { Type = "Resizing", Status = "True", LastTransitionTime = now }],
                    AllocatedResources = new Dictionary<string, Quantity> { ["storage"] = want },
                    AllocatedResourceStatuses = new Dictionary<string, string> { ["storage"] = "ControllerResizeInProgress" },
                },
            }, cancellationToken).ConfigureAwait(false);
            _claims.Remember(claim);
            _recorder.Record(ObjectRefs.Of(claim), EventReasons.Normal, "Resizing", $"External resizer is resizing volume {volume.Metadata.Name}");
        }

        // 2. The storage grows (idempotent: a volume already this size is left alone).
        ExpandKind kind;
        try
        {
            kind = await _pool.ExpandAsync(volume.Metadata.Name!, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PoolFullException)
        {
            _recorder.Record(ObjectRefs.Of(claim), EventReasons.Warning, "VolumeResizeFailed", $"resize volume \"{volume.Metadata.Name}\" by resizer \"{Provisioners.Local}\" failed: {e.Message}");
            await _client.UpdateStatusAsync(ResourceTypes.PersistentVolumeClaims, claim with
            {
                Status = claim.Status! with
                {
                    Conditions = [new PersistentVolumeClaimCondition { Type = "ControllerResizeError", Status = "True", LastTransitionTime = now, Message = e.Message }],
                    AllocatedResourceStatuses = new Dictionary<string, string> { ["storage"] = "ControllerResizeInProgress" },
                },
            }, cancellationToken).ConfigureAwait(false);
            throw;
        }

        // 3. The volume's capacity: its storage has grown, even where its filesystem has still to.
        if (volume.Spec?.Capacity?.GetValueOrDefault("storage") != target)
        {
            _volumes.Remember(await _client.UpdateAsync(ResourceTypes.PersistentVolumes, volume with
            {
                Spec = volume.Spec! with { Capacity = new Dictionary<string, Quantity> { ["storage"] = target } },
            }, cancellationToken).ConfigureAwait(false));
        }
        if (kind == ExpandKind.WaitingForUnmount)
        {
            if (claim.Status?.AllocatedResourceStatuses?.GetValueOrDefault("storage") != "NodeResizePending")
            {
                claim = await _client.UpdateStatusAsync(ResourceTypes.PersistentVolumeClaims, claim with
                {
                    Status = claim.Status! with
                    {
                        Conditions = [new PersistentVolumeClaimCondition
                        {
                            Type = "FileSystemResizePending", Status = "True", LastTransitionTime = now, Message = FileSystemResizePendingMessage,
                        }],
                        AllocatedResources = new Dictionary<string, Quantity> { ["storage"] = want },
                        AllocatedResourceStatuses = new Dictionary<string, string> { ["storage"] = "NodeResizePending" },
                    },
                }, cancellationToken).ConfigureAwait(false);
                _claims.Remember(claim);
                _recorder.Record(ObjectRefs.Of(claim), EventReasons.Normal, "FileSystemResizeRequired", "Require file system resize of volume on node");
            }
            return new ReconcileResult(_pendingRetries.Next(key));
        }
        _pendingRetries.Forget(key);

        // 4. The claim's capacity; the resize is over.
        claim = await _client.UpdateStatusAsync(ResourceTypes.PersistentVolumeClaims, claim with
        {
            Status = claim.Status! with
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = target },
                Conditions = null,
                AllocatedResources = new Dictionary<string, Quantity> { ["storage"] = want },
                AllocatedResourceStatuses = null,
            },
        }, cancellationToken).ConfigureAwait(false);
        _claims.Remember(claim);
        _recorder.Record(ObjectRefs.Of(claim), EventReasons.Normal, "VolumeResizeSuccessful",
            $"resize volume \"{volume.Metadata.Name}\" by resizer \"{Provisioners.Local}\" succeeded ({(kind == ExpandKind.Online ? "online" : "offline: the filesystem was grown while unmounted")})");
        LogExpanded(_logger, volume.Metadata.Name!, bytes, kind);
        return ReconcileResult.Done;
    }

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string>? map, string key, string value)
    {
        var copy = map?.ToDictionary() ?? [];
        copy[key] = value;
        return copy;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Expanded {Volume} to {Bytes} bytes ({Kind})")]
    private static partial void LogExpanded(ILogger logger, string volume, long bytes, ExpandKind kind);
}
