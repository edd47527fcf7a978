namespace Stowage.KubectlVolume;

/// <summary>A kind that has a pod spec, and where: its REST coordinates and the path to the spec in its JSON.</summary>
/// <param name="Group">The API group ("" for core).</param>
/// <param name="Version">The version.</param>
/// <param name="Resource">The plural resource name.</param>
/// <param name="Kind">The kind.</param>
/// <param name="SpecPath">The fields leading to the pod spec, e.g. spec, template, spec.</param>
internal sealed record ResourceKind(string Group, string Version, string Resource, string Kind, string[] SpecPath)
{
    /// <summary>The group/version, as in apiVersion.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The discovery path of the group version.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>A pod's spec is immutable once created, so pods can only be listed.</summary>
    public bool IsPod => Resource == "pods";

    /// <summary>Where kubectl's name printer and the server's messages name it: <c>deployment.apps</c>, <c>replicationcontroller</c>.</summary>
    public string NamePrefix => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";

    /// <summary>The collection path in a namespace.</summary>
    public string CollectionPath(string ns) => $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(ns)}/{Resource}";

    /// <summary>The object path.</summary>
    public string ObjectPath(string ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
}
