namespace Stowage.Server.OpenApi;

/// <summary>
/// One served resource as the OpenAPI documents describe it: where it lives (group, version,
/// plural, scope), its Kubernetes kind, the record type whose JSON contract is its schema, and
/// the Kubernetes verbs (get, list, watch, create, update, patch, delete, deletecollection) it
/// answers. Status subresource operations are described when <paramref name="HasStatus"/>.
/// </summary>
/// <param name="Group">The API group; "" for the core group.</param>
/// <param name="Version">The API version, e.g. "v1".</param>
/// <param name="Kind">The kind, e.g. "PersistentVolume".</param>
/// <param name="Plural">The resource name in URLs, e.g. "persistentvolumes".</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
/// <param name="RootType">The API record, e.g. typeof(PersistentVolume).</param>
/// <param name="HasStatus">Whether the /status subresource is served.</param>
/// <param name="Verbs">The Kubernetes verbs served on the resource.</param>
public sealed record OpenApiResource(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    Type RootType,
    bool HasStatus,
    IReadOnlyList<string> Verbs)
{
    /// <summary>The group-version's path below /openapi/v3, e.g. "api/v1" or "apis/storage.k8s.io/v1".</summary>
    public string GroupVersionPath => Group.Length == 0 ? "api/" + Version : "apis/" + Group + "/" + Version;

    /// <summary>Subresources served by their own handlers (pods/log, pods/exec, pods/binding).</summary>
    public IReadOnlyList<OpenApiSubresource> Subresources { get; init; } = [];

    /// <summary>Whether the resource answers <paramref name="verb"/>.</summary>
    public bool Serves(string verb) => Verbs.Contains(verb, StringComparer.Ordinal);
}
