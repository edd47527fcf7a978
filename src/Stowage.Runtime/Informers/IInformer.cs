namespace Stowage.Runtime.Informers;

/// <summary>What a controller runner needs of an informer: run it and wait until it has synced.</summary>
public interface IInformer
{
    /// <summary>Lists and watches until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the first list has been loaded.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
