using Stowage.Api.Meta;
using Stowage.Runtime.Client;
using Stowage.Runtime.Informers;

namespace Stowage.Controllers.GarbageCollection;

/// <summary>A typed kind for the garbage collector, over a shared informer.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class OwnedKind<T> : IOwnedKind
    where T : class, IApiObject<T>
{
    private readonly ApiClient _client;
    private readonly ResourceType<T> _type;
    private readonly Informer<T> _informer;

    /// <summary>Creates the adapter.</summary>
    public OwnedKind(ApiClient client, ResourceType<T> type, string kind, Informer<T> informer)
    {
        _client = client;
        _type = type;
        _informer = informer;
        Kind = kind;
    }

    /// <inheritdoc/>
    public string Group => _type.Group;

    /// <inheritdoc/>
    public string Kind { get; }

    /// <inheritdoc/>
    public bool Namespaced => _type.Namespaced;

    /// <inheritdoc/>
    public IInformer Informer => _informer;

    /// <inheritdoc/>
    public IApiObject? Get(string key) => _informer.Get(key);

    /// <inheritdoc/>
    public async Task<IApiObject?> GetLiveAsync(string? ns, string name, CancellationToken cancellationToken) =>
        await _client.GetAsync(_type, Namespaced ? ns : null, name, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task DeleteAsync(IApiObject obj, string propagationPolicy, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync(_type, obj.Metadata.Namespace, obj.Metadata.Name!, cancellationToken, obj.Metadata.Uid, propagationPolicy).ConfigureAwait(false);
        }
        catch (ApiClientException e) when (e.IsConflict)
        {
            // Another object now has the name: the one we meant is gone.
        }
    }

    /// <inheritdoc/>
    public async Task UpdateMetadataAsync(IApiObject obj, ObjectMeta metadata, CancellationToken cancellationToken)
    {
        try
        {
            _informer.Remember(await _client.UpdateAsync(_type, ((T)obj).WithMetadata(metadata), cancellationToken).ConfigureAwait(false));
        }
        catch (ApiClientException e) when (e.IsNotFound)
        {
        }
    }

    /// <inheritdoc/>
    public void Watch(Action<IApiObject?, IApiObject> changed, Action<IApiObject> removed)
    {
        _informer.OnAdd(o => changed(null, o));
        _informer.OnUpdate((old, o) => changed(old, o));
        _informer.OnDelete(o => removed(o));
    }
}
