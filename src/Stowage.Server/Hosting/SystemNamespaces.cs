using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Errors;
using Stowage.Server.Resources;
using Stowage.Server.Strategies;

namespace Stowage.Server.Hosting;

/// <summary>Creates default, kube-system, kube-public and kube-node-lease if they are missing.</summary>
public static class SystemNamespaces
{
    /// <summary>Ensures the system namespaces exist.</summary>
    public static async Task EnsureAsync(ResourceCatalog catalog, CancellationToken cancellationToken)
    {
        var store = catalog.Store<Namespace>();
        foreach (var name in NamespaceStrategy.SystemNamespaces)
        {
            if (await store.TryGetAsync(null, name, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }
            try
            {
                await store.CreateAsync(null, new Namespace { Metadata = new ObjectMeta { Name = name } }, new WriteOptions { FieldManager = "stowage" }, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Another API server made it first.
            }
        }
    }
}
