namespace Stowage.Server.Resources;

/// <summary>
/// Everything the server knows about one served resource: its names for discovery and routing, and
/// the store that implements its verbs. Adding a kind is adding one of these to
/// <see cref="ResourceCatalog"/> together with its strategy.
/// </summary>
public sealed record ResourceDefinition
{
    /// <summary>API group ("" for core).</summary>
    public required string Group { get; init; }

    /// <summary>Version, e.g. v1.</summary>
    public required string Version { get; init; }

    /// <summary>Kind, e.g. PersistentVolume.</summary>
    public required string Kind { get; init; }

    /// <summary>Plural resource name, e.g. persistentvolumes.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular resource name, e.g. persistentvolume.</summary>
    public required string Singular { get; init; }

    /// <summary>True for namespaced kinds.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>Short names for kubectl (pv, pvc, ...).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories (e.g. "all").</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The verbs served on the collection and items.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The implementation of the verbs.</summary>
    public required IResourceStore Store { get; init; }

    /// <summary>The scale subresource, for kinds that serve one.</summary>
    public IScaleStore? Scale { get; init; }

    /// <summary>"v1" or "group/version".</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Subresources served by their own handlers (pods/log, pods/exec, pods/binding...).</summary>
    public IReadOnlyList<SubresourceDefinition> ExtraSubresources { get; init; } = [];

    /// <summary>Every subresource as discovery lists it: status (when served) and the extra ones.</summary>
    public IEnumerable<(string Name, string Kind, IReadOnlyList<string> Verbs)> Subresources =>
        (Store.HasStatus ? [("status", Kind, (IReadOnlyList<string>)["get", "patch", "update"])] : Array.Empty<(string, string, IReadOnlyList<string>)>())
            .Concat(Scale is null ? [] : [("scale", "Scale", (IReadOnlyList<string>)["get", "patch", "update"])])
            .Concat(ExtraSubresources.Select(s => (s.Name, s.Kind, s.Verbs)));

    /// <summary>The handler of an extra subresource, or null.</summary>
    public SubresourceDefinition? FindSubresource(string name) => ExtraSubresources.FirstOrDefault(s => s.Name == name);
}
