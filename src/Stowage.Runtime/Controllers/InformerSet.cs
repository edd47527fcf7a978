using Stowage.Runtime.Informers;

namespace Stowage.Runtime.Controllers;

/// <summary>Informers shared by several controllers: each runs once, however many controllers read it.</summary>
public sealed class InformerSet
{
    private readonly List<IInformer> _informers = [];

    /// <summary>Adds an informer and returns it.</summary>
    public T Add<T>(T informer)
        where T : IInformer
    {
        _informers.Add(informer);
        return informer;
    }

    /// <summary>Runs every informer until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(_informers.Select(i => i.RunAsync(cancellationToken)));
}
