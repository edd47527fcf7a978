namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// One pod's use of one claim — all the binder needs to know about pods (Pods are not in the API
/// yet). A pod with several claims contributes one entry per claim.
/// </summary>
/// <param name="Namespace">The pod's (and the claim's) namespace.</param>
/// <param name="PodName">The pod's name.</param>
/// <param name="ClaimName">The claim the pod references (directly or through a generic ephemeral volume).</param>
/// <param name="Scheduled">Whether the pod has a node (<c>spec.nodeName</c> non-empty).</param>
/// <param name="Terminated">Whether the pod has finished (phase Succeeded or Failed).</param>
public sealed record PodClaimUse(string Namespace, string PodName, string ClaimName, bool Scheduled, bool Terminated);
