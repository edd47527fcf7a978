namespace Stowage.Controllers.VolumeBinding;

/// <summary>Which of the binder's two work queues a key belongs to.</summary>
public enum QueueKind
{
    /// <summary>The claim queue (keys <c>namespace/name</c>).</summary>
    Claim,

    /// <summary>The volume queue (keys are volume names).</summary>
    Volume,
}
