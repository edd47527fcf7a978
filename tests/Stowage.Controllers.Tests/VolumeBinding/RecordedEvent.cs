namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>An event the fake cluster recorded; identical events are aggregated into <see cref="Count"/>, as the recorder does.</summary>
internal sealed record RecordedEvent(string TargetKind, string TargetName, string Type, string Reason, string Message)
{
    public int Count { get; set; } = 1;

    /// <summary><c>Type Reason Message</c>, the form Kubernetes' fake recorder produces.</summary>
    public override string ToString() => Type + " " + Reason + " " + Message;
}
