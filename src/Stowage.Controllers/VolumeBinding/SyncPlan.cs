using System.Text;

namespace Stowage.Controllers.VolumeBinding;

/// <summary>
/// What one sync of a claim or volume decided: steps to perform in order, and optionally an error
/// that makes the sync a failure after the steps (the key is retried with back-off), as Kubernetes'
/// <c>syncClaim</c>/<c>syncVolume</c> return errors.
/// </summary>
public sealed class SyncPlan
{
    /// <summary>A plan with nothing to do.</summary>
    public static SyncPlan Nothing { get; } = new([], null);

    internal SyncPlan(IReadOnlyList<SyncStep> steps, string? error)
    {
        Steps = steps;
        Error = error;
    }

    /// <summary>The steps, in the order the executor performs them.</summary>
    public IReadOnlyList<SyncStep> Steps { get; }

    /// <summary>Why the sync failed (after performing the steps), or null.</summary>
    public string? Error { get; }

    /// <summary>A readable summary, one step per line (for logs and test failures).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var step in Steps)
        {
            text.AppendLine(Describe(step));
        }
        if (Error is not null)
        {
            text.Append("error: ").AppendLine(Error);
        }
        return text.Length == 0 ? "(nothing)" : text.ToString().TrimEnd();
    }

    private static string Describe(SyncStep step) => step switch
    {
        SyncStep.WriteVolume s => "write volume " + s.Volume.Metadata.Name,
        SyncStep.WriteVolumeStatus s => "write volume status " + s.Volume.Metadata.Name + " phase=" + s.Volume.Status?.Phase,
        SyncStep.WriteClaim s => "write claim " + ClaimKey.Of(s.Claim),
        SyncStep.WriteClaimStatus s => "write claim status " + ClaimKey.Of(s.Claim) + " phase=" + s.Claim.Status?.Phase,
        SyncStep.Event s => "event " + s.Type + " " + s.Reason + " on " + s.Target.Kind + " " + s.Target.Name + ": " + s.Message,
        SyncStep.Reclaim s => "reclaim " + s.Volume.Metadata.Name + " (" + s.Policy + ")",
        SyncStep.Provision s => "provision " + ClaimKey.Of(s.Claim) + " with class " + s.Class.Metadata.Name,
        SyncStep.Enqueue s => "enqueue " + s.Key.Kind + " " + s.Key,
        SyncStep.DeleteVolume s => "delete volume " + s.Volume.Metadata.Name,
        SyncStep.VerifyClaimAbsent s => "verify claim " + s.Namespace + "/" + s.Name + " (uid " + s.Uid + ") is gone",
        _ => step.ToString(),
    };
}
