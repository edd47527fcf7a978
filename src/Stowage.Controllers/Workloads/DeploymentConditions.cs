using Stowage.Api.Apps;

namespace Stowage.Controllers.Workloads;

/// <summary>The deployment's conditions, reasons and messages, as deployment_util.go sets them.</summary>
public static class DeploymentConditions
{
    /// <summary>Progressing: a new replica set was created.</summary>
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";

    /// <summary>Progressing: the new replica set already existed.</summary>
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";

    /// <summary>Progressing: the rollout moved.</summary>
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";

    /// <summary>Progressing: the rollout finished.</summary>
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";

    /// <summary>Progressing False: no progress within progressDeadlineSeconds.</summary>
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>Progressing False: the new replica set could not be created.</summary>
    public const string ReplicaSetCreateError = "ReplicaSetCreateError";

    /// <summary>Progressing Unknown: paused.</summary>
    public const string DeploymentPaused = "DeploymentPaused";

    /// <summary>Progressing Unknown: resumed.</summary>
    public const string DeploymentResumed = "DeploymentResumed";

    /// <summary>Available True.</summary>
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";

    /// <summary>Available False.</summary>
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    /// <summary>The condition of a type, if present.</summary>
    public static DeploymentCondition? Get(DeploymentStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>NewDeploymentCondition.</summary>
    public static DeploymentCondition New(string type, string status, string reason, string message, DateTimeOffset now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = now, LastTransitionTime = now };

    /// <summary>
    /// SetDeploymentCondition: no change when status and reason are the same; the transition time
    /// is kept when only the reason changes.
    /// </summary>
    public static DeploymentStatus Set(DeploymentStatus status, DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason)
        {
            return status;
        }
        if (current is not null && current.Status == condition.Status)
        {
            condition = condition with { LastTransitionTime = current.LastTransitionTime };
        }
        return status with { Conditions = [.. (status.Conditions ?? []).Where(c => c.Type != condition.Type), condition] };
    }

    /// <summary>RemoveDeploymentCondition.</summary>
    public static DeploymentStatus Remove(DeploymentStatus status, string type)
    {
        var rest = (status.Conditions ?? []).Where(c => c.Type != type).ToList();
        return status with { Conditions = rest.Count == 0 ? null : rest };
    }

    /// <summary>HasProgressDeadline: set and not MaxInt32.</summary>
    public static bool HasProgressDeadline(Deployment d) => d.Spec?.ProgressDeadlineSeconds is { } s && s != int.MaxValue;

    /// <summary>DeploymentTimedOut: no progress reported for progressDeadlineSeconds.</summary>
    public static bool TimedOut(Deployment d, DeploymentStatus status, DateTimeOffset now)
    {
        if (!HasProgressDeadline(d) || Get(status, "Progressing") is not { } c || c.Reason == NewReplicaSetAvailable)
        {
            return false;
        }
        if (c.Reason == ProgressDeadlineExceeded)
        {
            return true;
        }
        return c.LastUpdateTime is { } from && from.AddSeconds(d.Spec!.ProgressDeadlineSeconds!.Value) < now;
    }

    /// <summary>%q of a name, as the messages quote them.</summary>
    public static string Quote(string? name) => "\"" + name + "\"";
}
