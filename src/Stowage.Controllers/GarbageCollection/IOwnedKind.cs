using Stowage.Api.Meta;
using Stowage.Runtime.Informers;

namespace Stowage.Controllers.GarbageCollection;

/// <summary>One kind the garbage collector watches, untyped: read from the informer, write through the API.</summary>
public interface IOwnedKind
{
    /// <summary>The kind's API group ("" for core).</summary>
    string Group { get; }

    /// <summary>The kind, as owner references name it.</summary>
    string Kind { get; }

    /// <summary>True for namespaced kinds.</summary>
    bool Namespaced { get; }

    /// <summary>The informer (for sync).</summary>
    IInformer Informer { get; }

    /// <summary>The cached object with this key, or null.</summary>
    IApiObject? Get(string key);

    /// <summary>Reads the object from the API (the cache may lag), or null when it does not exist.</summary>
    Task<IApiObject?> GetLiveAsync(string? ns, string name, CancellationToken cancellationToken);

    /// <summary>Deletes the object with a uid precondition and a propagation policy.</summary>
    Task DeleteAsync(IApiObject obj, string propagationPolicy, CancellationToken cancellationToken);

    /// <summary>Writes new metadata (owner references, finalizers) conditional on the object's resourceVersion.</summary>
    Task UpdateMetadataAsync(IApiObject obj, ObjectMeta metadata, CancellationToken cancellationToken);

    /// <summary>Registers handlers for added or changed (old may be null) and removed objects.</summary>
    void Watch(Action<IApiObject?, IApiObject> changed, Action<IApiObject> removed);
}
