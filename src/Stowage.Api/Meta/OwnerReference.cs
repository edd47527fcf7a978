namespace Stowage.Api.Meta;

/// <summary>A reference to an owning object (metav1.OwnerReference).</summary>
public sealed record OwnerReference
{
    /// <summary>API version of the owner.</summary>
    public string ApiVersion { get => field ?? ""; init; } = "";

    /// <summary>Kind of the owner.</summary>
    public string Kind { get => field ?? ""; init; } = "";

    /// <summary>Name of the owner.</summary>
    public string Name { get => field ?? ""; init; } = "";

    /// <summary>UID of the owner.</summary>
    public string Uid { get => field ?? ""; init; } = "";

    /// <summary>True if the owner is the managing controller.</summary>
    public bool? Controller { get; init; }

    /// <summary>True if the owner cannot be deleted before this object (foreground deletion).</summary>
    public bool? BlockOwnerDeletion { get; init; }
}
