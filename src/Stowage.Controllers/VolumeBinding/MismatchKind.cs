namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// Why one volume cannot serve a claim, as <see cref="MatchExplanation"/> groups them. The member
/// order is the order of the explanation's parts.
/// </summary>
internal enum MismatchKind
{
    TooSmall,
    OtherClass,
    Selector,
    BoundElsewhere,
    AccessMode,
    NotAvailable,
    VolumeMode,
    AttributesClass,
    BeingDeleted,
    WaitsForConsumer,
}
