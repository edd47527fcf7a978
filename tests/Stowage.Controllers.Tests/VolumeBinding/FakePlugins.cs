using Stowage.Api.Core;
using Stowage.Controllers.VolumeBinding;

namespace Stowage.Controllers.Tests.VolumeBinding;

/// <summary>
/// Volume plugins as Kubernetes' tests mock them (<c>wrapTestWithReclaimCalls</c>): a queue of
/// results per operation. No queue means no plugin at all; an empty queue makes the mock fail the
/// way Kubernetes' mock does.
/// </summary>
internal sealed class FakePlugins
{
    /// <summary>Results of recycle calls: null = success, text = error. Null queue = no recycler plugin.</summary>
    public Queue<string?>? RecycleCalls { get; set; }

    /// <summary>Results of delete calls: null = success, text = error. Null queue = no deleter plugin.</summary>
    public Queue<string?>? DeleteCalls { get; set; }

    /// <summary>Every recycle and delete succeeds (for crash tests, where operations repeat).</summary>
    public bool AlwaysSucceed { get; set; }

    /// <summary>When set, the built-in provisioner fails with this error.</summary>
    public string? ProvisionError { get; set; }

    public int RecycleCount { get; private set; }

    public int DeleteCount { get; private set; }

    public RecycleOutcome Recycle(PersistentVolume volume)
    {
        RecycleCount++;
        if (AlwaysSucceed)
        {
            return RecycleOutcome.Recycled;
        }
        if (RecycleCalls is null)
        {
            return RecycleOutcome.NoPlugin;
        }
        if (RecycleCalls.Count == 0)
        {
            return RecycleOutcome.Failed("Mock plugin error: no recycleCalls configured");
        }
        return RecycleCalls.Dequeue() is { } error ? RecycleOutcome.Failed(error) : RecycleOutcome.Recycled;
    }

    public DeleteOutcome Delete(PersistentVolume volume)
    {
        var choice = ReclaimDecisions.ChooseDeleter(volume, name => (AlwaysSucceed || DeleteCalls is not null) && name is Upstream.MockPlugin or Provisioners.Local);
        switch (choice.Kind)
        {
            case DeleterKind.External:
                return DeleteOutcome.External;
            case DeleterKind.Missing:
                return DeleteOutcome.Failed(choice.Error!);
        }
        DeleteCount++;
        if (AlwaysSucceed)
        {
            return DeleteOutcome.Deleted;
        }
        if (DeleteCalls is null)
        {
            return DeleteOutcome.NoPlugin();
        }
        if (DeleteCalls.Count == 0)
        {
            return DeleteOutcome.DeleterCreationFailed("Mock plugin error: no deleteCalls configured");
        }
        return DeleteCalls.Dequeue() is { } error ? DeleteOutcome.Failed(error) : DeleteOutcome.Deleted;
    }
}
