using Stowage.Node.Containers;
using ApiTerminated = Stowage.Api.Core.ContainerStateTerminated;

namespace Stowage.Node.Agent;

/// <summary>What a pod worker remembers of one of its containers between syncs.</summary>
internal sealed class ContainerRecord
{
    /// <summary>The attempt of the current container (its restart count).</summary>
    public int Attempt { get; set; }

    /// <summary>The runtime's view of the current attempt, if it was started.</summary>
    public ContainerState? Current { get; set; }

    /// <summary>The previous attempt's end (lastState).</summary>
    public ApiTerminated? LastTerminated { get; set; }

    /// <summary>Why the container is not running (ErrImagePull, CrashLoopBackOff...), with a message.</summary>
    public (string Reason, string Message)? Waiting { get; set; }

    /// <summary>Not before this time is the next start (or image pull) tried.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Consecutive image pull failures.</summary>
    public int PullFailures { get; set; }

    /// <summary>The resolved image's name (imageID), once known.</summary>
    public string? ImageId { get; set; }
}
