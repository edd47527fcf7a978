namespace Stowage.Server.Resources;

/// <summary>
/// The key layout, as Kubernetes lays out etcd: <c>/registry/{resource}/{namespace}/{name}</c> for
/// namespaced kinds and <c>/registry/{resource}/{name}</c> for cluster-scoped ones.
/// </summary>
/// <param name="Resource">The storage resource name (kinds served in several groups share one).</param>
/// <param name="Namespaced">Whether keys carry a namespace.</param>
public sealed record StorageKeys(string Resource, bool Namespaced)
{
    /// <summary>The prefix of every key of the resource.</summary>
    public string Root => $"/registry/{Resource}/";

    /// <summary>The prefix of one namespace's keys (or the root for cluster scope or all namespaces).</summary>
    public string Prefix(string? ns) => Namespaced && !string.IsNullOrEmpty(ns) ? $"{Root}{ns}/" : Root;

    /// <summary>The key of one object.</summary>
    public string Key(string? ns, string name) => Namespaced ? $"{Root}{ns}/{name}" : $"{Root}{name}";
}
