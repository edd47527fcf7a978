namespace Stowage.Api.Patching;

/// <summary>The four kinds of step in a managed-fields path, in structured-merge-diff's sort order.</summary>
public enum PathElementKind
{
    /// <summary>A named field of an object or a key of a map (<c>f:name</c>).</summary>
    Field,

    /// <summary>An item of a map-type list, by its key fields (<c>k:{"name":"c1"}</c>).</summary>
    Key,

    /// <summary>An item of a set-type list, by value (<c>v:"x"</c>).</summary>
    Value,

    /// <summary>An item of a list by position (<c>i:0</c>); only read, never produced here.</summary>
    Index,
}
