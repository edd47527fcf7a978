namespace Stowage.Api.Meta;

/// <summary>Metadata every persisted object carries (metav1.ObjectMeta).</summary>
public sealed record ObjectMeta
{
    /// <summary>Unique within a namespace (or the cluster, for cluster-scoped kinds).</summary>
    public string? Name { get; init; }

    /// <summary>Prefix for a server-generated name when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; init; }

    /// <summary>The namespace, for namespaced kinds.</summary>
    public string? Namespace { get; init; }

    /// <summary>Deprecated; never set by this server.</summary>
    public string? SelfLink { get; init; }

    /// <summary>Unique for the object's lifetime.</summary>
    public string? Uid { get; init; }

    /// <summary>The storage revision of the object's last write, as a string of digits.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Incremented on every change of the desired state (spec).</summary>
    public long? Generation { get; init; }

    /// <summary>When the object was created.</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>When deletion was requested; the object remains until its finalizers are gone.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Grace period of a requested deletion.</summary>
    public long? DeletionGracePeriodSeconds { get; init; }

    /// <summary>Identifying labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Non-identifying annotations.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Objects this one depends on (garbage collection).</summary>
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }

    /// <summary>Tokens that must be removed before the object is deleted.</summary>
    public IReadOnlyList<string>? Finalizers { get; init; }

    /// <summary>Field ownership (server-side apply).</summary>
    public IReadOnlyList<ManagedFieldsEntry>? ManagedFields { get; init; }
}
