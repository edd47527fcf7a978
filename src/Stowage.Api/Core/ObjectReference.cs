namespace Stowage.Api.Core;

/// <summary>A reference to an object (v1.ObjectReference), e.g. a PV's claimRef or an event's involvedObject.</summary>
public sealed record ObjectReference
{
    /// <summary>Kind of the referent.</summary>
    public string? Kind { get; init; }

    /// <summary>Namespace of the referent.</summary>
    public string? Namespace { get; init; }

    /// <summary>Name of the referent.</summary>
    public string? Name { get; init; }

    /// <summary>UID of the referent.</summary>
    public string? Uid { get; init; }

    /// <summary>API version of the referent.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The referent's resourceVersion when the reference was made.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>A field within the referent, e.g. spec.containers{name}.</summary>
    public string? FieldPath { get; init; }
}
