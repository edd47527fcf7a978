using Microsoft.AspNetCore.Http;
using Stowage.Server.NodeProxy;

namespace Stowage.Server.Resources;

/// <summary>One request to a subresource: the HTTP exchange, the object it names, and the cluster services it may use.</summary>
/// <param name="Context">The HTTP exchange (method, query, body, WebSocket upgrade).</param>
/// <param name="Resource">The resource the subresource belongs to.</param>
/// <param name="Namespace">The object's namespace (null for cluster-scoped kinds).</param>
/// <param name="Name">The object's name.</param>
/// <param name="Catalog">Every served resource, for reading objects.</param>
/// <param name="Nodes">Connections to the node agents.</param>
public sealed record SubresourceRequest(HttpContext Context, ResourceDefinition Resource, string? Namespace, string Name, ResourceCatalog Catalog, NodeConnector Nodes);
