using System.Globalization;
using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Storage;
using Stowage.Controllers.VolumeBinding;
using Stowage.Runtime.Client;
using Stowage.Runtime.Controllers;
using Stowage.Runtime.Events;
using Stowage.Runtime.Informers;
using Stowage.Runtime.Queues;

using Stowage.Controllers.Pool;

namespace Stowage.Controllers.Provisioning;

/// <summary>
/// The built-in <c>stowage.io/local</c> provisioner: makes a size-limited volume in this node's pool
/// for a claim and creates the PersistentVolume that the binder then binds to the claim.
/// </summary>
/// <remarks>
/// Keyed by the claim's UID, as Kubernetes' provisioners name volumes (<c>pvc-&lt;uid&gt;</c>):
/// the pool creates idempotently and a PV that already exists counts as created, so a controller
/// killed between the two steps finishes on restart. A pool volume whose claim is gone and that no PV
/// names is an orphan: it is reported, and removed when it can be proven unreferenced
/// (<see cref="CollectOrphansAsync"/>).
/// </remarks>
public sealed partial class LocalProvisioner
{
    /// <summary>The node-name label used in provisioned volumes' node affinity.</summary>
    public const string HostnameLabel = "kubernetes.io/hostname";

    // Workers overlap the pool's create (a few ms since volumes are template copies and spawn no
    // process; ~200 ms before, when 16 workers were the first fix) with the PV create round trip.
    // At 140 provisions/s end to end the pool is no longer the limit
    // (bench/results/provisioning-2026-11-22-after.md).
    private const int Workers = 16;

    private readonly ApiClient _client;
    private readonly IVolumePool _pool;
    private readonly EventRecorder _recorder;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _classes;
    private readonly string _nodeName;
    private readonly ILogger _logger;
    private readonly WorkQueue<string> _queue;
    private readonly ControllerRunner _runner;
    private long _provisioned;
    private long _failures;

    /// <summary>Creates the provisioner.</summary>
    public LocalProvisioner(ApiClient client, IVolumePool pool, EventRecorder recorder, Informer<PersistentVolumeClaim> claims,
        Informer<PersistentVolume> volumes, Informer<StorageClass> classes, string nodeName, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _pool = pool;
        _recorder = recorder;
        _claims = claims;
        _volumes = volumes;
        _classes = classes;
        _nodeName = nodeName;
        _logger = logger;
        _queue = new WorkQueue<string>(clock);
        _runner = new ControllerRunner("local-provisioner", [claims, volumes, classes], _queue, ProvisionAsync, Workers, logger);
    }

    /// <summary>Volumes provisioned since start.</summary>
    public long Provisioned => Interlocked.Read(ref _provisioned);

    /// <summary>Provisioning failures since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Claims waiting to be provisioned.</summary>
    public int QueueDepth => _queue.Count;

    /// <summary>Asks for a volume for a claim (the binder's Provision step).</summary>
    public void Request(PersistentVolumeClaim claim) => _queue.Add(Informer<PersistentVolumeClaim>.KeyOf(claim));

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_claims.WaitForSyncAsync(cancellationToken), _volumes.WaitForSyncAsync(cancellationToken)).ConfigureAwait(false);
        await CollectOrphansAsync(cancellationToken).ConfigureAwait(false);
        await _runner.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes pool volumes that no PV names and whose claim no longer exists (left by a crash between
    /// making the volume and creating its PV, or by a claim deleted meanwhile); returns their names.
    /// </summary>
    public async Task<IReadOnlyList<string>> CollectOrphansAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var claimUids = _claims.List().Select(c => "pvc-" + c.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _pool.VolumeNames())
        {
            if (_volumes.Get(name) is not null || claimUids.Contains(name))
            {
                continue;
            }
            // The caches may lag: confirm with the API before removing anything.
            if (await _client.GetAsync(ResourceTypes.PersistentVolumes, null, name, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }
            LogOrphan(_logger, name, _pool.Directory);
            await _pool.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
            removed.Add(name);
        }
        return removed;
    }

    private async Task<ReconcileResult> ProvisionAsync(string key, CancellationToken cancellationToken)
    {
        var claim = _claims.Get(key);
        if (claim is null || !string.IsNullOrEmpty(claim.Spec?.VolumeName) || claim.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }
        var className = ClassRules.ClassOf(claim);
        var storageClass = _classes.Get(className);
        if (storageClass is null || storageClass.Provisioner != Provisioners.Local)
        {
            return ReconcileResult.Done;
        }
        var name = Provisioners.VolumeNameFor(claim);
        if (_volumes.Get(name) is not null)
        {
            return ReconcileResult.Done;
        }
        var requested = claim.Spec?.Resources?.Requests?.GetValueOrDefault("storage") ?? Quantity.Zero;
        var bytes = RoundUpToMebibytes(requested.Value);
        PooledVolume pooled;
        try
        {
            pooled = await _pool.CreateAsync(name, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (PoolFullException e)
        {
            Interlocked.Increment(ref _failures);
            _recorder.Record(ObjectRefs.Of(claim), EventReasons.Warning, EventReasons.ProvisioningFailed,
                $"Failed to provision volume with StorageClass \"{className}\": {e.Message}", replaces: true);
            return new ReconcileResult(TimeSpan.FromSeconds(30)); // space may be freed; deletions also wake claims
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            _recorder.Record(ObjectRefs.Of(claim), EventReasons.Warning, EventReasons.ProvisioningFailed,
                $"Failed to provision volume with StorageClass \"{className}\": {e.Message}", replaces: true);
            throw;
        }

        var pv = BuildVolume(claim, storageClass, pooled);
        try
        {
            _volumes.Remember(await _client.CreateAsync(ResourceTypes.PersistentVolumes, pv, cancellationToken).ConfigureAwait(false));
        }
        catch (ApiClientException e) when (e.IsAlreadyExists)
        {
            return ReconcileResult.Done; // made before a crash: the binder takes it from here
        }
        Interlocked.Increment(ref _provisioned);
        _recorder.Record(ObjectRefs.Of(claim), EventReasons.Normal, "ProvisioningSucceeded",
            $"Successfully provisioned volume {name} using {Provisioners.Local}");
        LogProvisioned(_logger, name, claim.Metadata.Namespace!, claim.Metadata.Name!, pooled.SizeBytes);
        return ReconcileResult.Done;
    }

    private PersistentVolume BuildVolume(PersistentVolumeClaim claim, StorageClass storageClass, PooledVolume pooled)
    {
        var policy = string.IsNullOrEmpty(storageClass.ReclaimPolicy) ? "Delete" : storageClass.ReclaimPolicy;
        var annotations = new Dictionary<string, string>
        {
            [BinderAnnotations.ProvisionedBy] = Provisioners.Local,
            [BinderAnnotations.BoundByController] = BinderAnnotations.Yes,
        };
        if (!_pool.SizesEnforced)
        {
            annotations[PoolAnnotations.SizeNotEnforced] = _pool.NotEnforcedReason ?? "sizes are not enforced";
        }
        return new PersistentVolume
        {
            Metadata = new ObjectMeta
            {
                Name = pooled.Name,
                Labels = storageClass.Metadata.Labels,
                Annotations = annotations,
                Finalizers = policy == "Delete" ? [BinderAnnotations.PvControllerFinalizer] : null,
            },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.FromBytes(pooled.SizeBytes) },
                AccessModes = claim.Spec?.AccessModes,
                ClaimRef = new ObjectReference
                {
                    Kind = "PersistentVolumeClaim",
                    ApiVersion = "v1",
                    Namespace = claim.Metadata.Namespace,
                    Name = claim.Metadata.Name,
                    Uid = claim.Metadata.Uid,
                    ResourceVersion = claim.Metadata.ResourceVersion,
                },
                PersistentVolumeReclaimPolicy = policy,
                StorageClassName = storageClass.Metadata.Name,
                MountOptions = storageClass.MountOptions,
                VolumeMode = claim.Spec?.VolumeMode ?? "Filesystem",
                Local = new LocalVolumeSource { Path = pooled.Path },
                NodeAffinity = new VolumeNodeAffinity
                {
                    Required = new NodeSelector
                    {
                        NodeSelectorTerms =
                        [
                            new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = HostnameLabel, Operator = "In", Values = [_nodeName] }] },
                        ],
                    },
                },
            },
        };
    }

    /// <summary>Pool volumes are whole MiB.</summary>
    public static long RoundUpToMebibytes(long bytes)
    {
        const long mebibyte = 1024 * 1024;
        return Math.Max(mebibyte, (bytes + mebibyte - 1) / mebibyte * mebibyte);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Provisioned {Volume} ({Bytes} bytes) for claim {Namespace}/{Name}")]
    private static partial void LogProvisioned(ILogger logger, string volume, string @namespace, string name, long bytes);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Removing orphaned pool volume {Volume} in {Pool}: no PersistentVolume and no claim refer to it")]
    private static partial void LogOrphan(ILogger logger, string volume, string pool);
}
