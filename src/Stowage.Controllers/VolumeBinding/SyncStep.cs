using Stowage.Api.Core;
using Stowage.Api.Storage;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// One action of a <see cref="SyncPlan"/>, performed by the executor (the controller) through the
/// API. Writes carry the full desired object.
/// </summary>
/// <remarks>
/// <para><b>Preconditions.</b> A write's <c>metadata.resourceVersion</c> is the version the plan
/// was computed from. When a plan writes the same object twice (spec, then status), the executor
/// sends the second write with the resourceVersion its first write returned. A conflict, a
/// NotFound or any other failure ends the plan: the executor requeues the key and re-plans from
/// fresh state. Nothing else is carried between plans.</para>
/// <para><b>Idempotence.</b> Every step may be repeated: writes set absolute values, events are
/// aggregated by the recorder, <see cref="Reclaim"/> and <see cref="Provision"/> re-check their
/// preconditions, <see cref="DeleteVolume"/> treats NotFound as done.</para>
/// </remarks>
public abstract record SyncStep
{
    private SyncStep()
    {
    }

    /// <summary>Update the volume's metadata and spec (a PUT of the main resource; status is ignored by the server).</summary>
    public sealed record WriteVolume(PersistentVolume Volume) : SyncStep;

    /// <summary>Update the volume's status subresource (metadata and spec are ignored by the server).</summary>
    public sealed record WriteVolumeStatus(PersistentVolume Volume) : SyncStep;

    /// <summary>Update the claim's metadata and spec.</summary>
    public sealed record WriteClaim(PersistentVolumeClaim Claim) : SyncStep;

    /// <summary>Update the claim's status subresource.</summary>
    public sealed record WriteClaimStatus(PersistentVolumeClaim Claim) : SyncStep;

    /// <summary>Record an event (source <see cref="EventReasons.Component"/>) on <paramref name="Target"/>.</summary>
    public sealed record Event(ObjectReference Target, string Type, string Reason, string Message) : SyncStep;

    /// <summary>
    /// Run the volume's reclaim policy (<see cref="ReclaimPolicy.Recycle"/> or
    /// <see cref="ReclaimPolicy.Delete"/>) through the volume plugins, asynchronously, at most one
    /// operation per volume, with back-off. The operation re-reads the volume, skips it unless
    /// <see cref="ReclaimDecisions.IsReleased"/> still holds, runs the plugin and then performs
    /// <see cref="ReclaimDecisions.AfterRecycle"/> or <see cref="ReclaimDecisions.AfterDelete"/>.
    /// </summary>
    public sealed record Reclaim(PersistentVolume Volume, string Policy) : SyncStep;

    /// <summary>
    /// Provision a volume for the claim with a built-in provisioner (asynchronously, at most one
    /// operation per claim). The created volume is named <see cref="Provisioners.VolumeNameFor"/>
    /// and carries a claimRef with the claim's UID; the next claim sync binds it.
    /// </summary>
    public sealed record Provision(PersistentVolumeClaim Claim, StorageClass Class) : SyncStep;

    /// <summary>Put a key on a work queue so its sync runs soon.</summary>
    public sealed record Enqueue(QueueKey Key) : SyncStep;

    /// <summary>Delete the volume object (precondition: its UID). NotFound counts as done.</summary>
    public sealed record DeleteVolume(PersistentVolume Volume) : SyncStep;

    /// <summary>
    /// Read the claim from the API server, not the cache. If a claim with that namespace, name and
    /// UID exists, the cache was stale: stop this plan, put the claim read into the cache and
    /// re-plan. Kubernetes makes the same check before it releases a volume
    /// (<c>syncVolume</c>'s live GET).
    /// </summary>
    public sealed record VerifyClaimAbsent(string Namespace, string Name, string Uid) : SyncStep;
}
