namespace Stowage.Node.Volumes;

/// <summary>
/// A pod's volume could not be set up. The agent keeps the pod ContainerCreating and records an
/// Event with <see cref="Reason"/> (FailedMount, or FailedAttachVolume...) and this message, which
/// says exactly why, as Kubernetes' kubelet does (e.g. <c>MountVolume.SetUp failed for volume "x" : ...</c>).
/// </summary>
public sealed class VolumeMountException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VolumeMountException(string reason, string message) : base(message) => Reason = reason;

    /// <summary>Creates the exception.</summary>
    public VolumeMountException(string reason, string message, Exception inner) : base(message, inner) => Reason = reason;

    /// <summary>Creates the exception.</summary>
    public VolumeMountException() => Reason = "FailedMount";

    /// <summary>Creates the exception.</summary>
    public VolumeMountException(string message) : base(message) => Reason = "FailedMount";

    /// <summary>Creates the exception.</summary>
    public VolumeMountException(string message, Exception inner) : base(message, inner) => Reason = "FailedMount";

    /// <summary>The Event reason.</summary>
    public string Reason { get; }
}
