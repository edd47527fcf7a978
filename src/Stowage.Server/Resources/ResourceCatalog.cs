using Stowage.Api.Core;
using Stowage.Server.Errors;

namespace Stowage.Server.Resources;

/// <summary>
/// The served resources, looked up by group/version/plural for routing and listed for discovery
/// and OpenAPI. Immutable after construction.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDefinition> _byPath = [];

    /// <summary>Creates the catalog; wires each store's catalog reference for admission lookups.</summary>
    public ResourceCatalog(IEnumerable<ResourceDefinition> definitions)
    {
        Definitions = definitions.ToList();
        foreach (var d in Definitions)
        {
            _byPath[(d.Group, d.Version, d.Plural)] = d;
        }
    }

    /// <summary>Every served resource, in registration order.</summary>
    public IReadOnlyList<ResourceDefinition> Definitions { get; }

    /// <summary>The served group-versions, core first.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions =>
        Definitions.Select(d => (d.Group, d.Version)).Distinct();

    /// <summary>Finds a resource by its URL parts.</summary>
    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>The typed store of a kind.</summary>
    public ResourceStore<T> Store<T>(string group = "", string? plural = null)
        where T : class, Api.Meta.IApiObject<T> =>
        Definitions.Where(d => d.Group == group && (plural is null || d.Plural == plural)).Select(d => d.Store).OfType<ResourceStore<T>>().FirstOrDefault()
            ?? throw new InvalidOperationException($"no store for {typeof(T).Name}");

    /// <summary>
    /// Namespace lifecycle admission: content may be created only in a namespace that exists and is
    /// not terminating (Kubernetes' NamespaceLifecycle plugin, with its messages).
    /// </summary>
    public async Task EnsureNamespaceAcceptsAsync(string? ns, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ns))
        {
            throw new ApiException(StatusErrors.BadRequest("the server could not find the requested resource: a namespace is required"));
        }
        var namespaces = Store<Namespace>();
        var found = await namespaces.TryGetAsync(null, ns, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound("namespaces", "", ns));
        if (found.Metadata.DeletionTimestamp is not null)
        {
            throw new ApiException(StatusErrors.Forbidden("namespaces", "", ns, $"unable to create new content in namespace {ns} because it is being terminated"));
        }
    }
}
