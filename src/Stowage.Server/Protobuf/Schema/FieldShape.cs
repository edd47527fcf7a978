namespace Stowage.Server.Protobuf.Schema;

/// <summary>
/// How Go's encoding/json renders a field, which depends on the Go type and tag rather than on the
/// wire: the generated Go code always writes value fields (even empty strings), so presence on the
/// wire only matters for pointers.
/// </summary>
internal enum FieldShape
{
    /// <summary>A value with <c>omitempty</c>: left out when "", 0, false, or an empty slice/map.
    /// Structs ignore omitempty in Go, so a message or time with this shape behaves as <see cref="Always"/>.</summary>
    OmitEmpty,

    /// <summary>A value without <c>omitempty</c> (or a struct): always written, using the zero value
    /// when absent (nil slices and maps become null, a zero time becomes null).</summary>
    Always,

    /// <summary>A pointer with <c>omitempty</c>: written only when present on the wire.</summary>
    Pointer,

    /// <summary>A pointer without <c>omitempty</c>: null when absent.</summary>
    NullablePointer,

    /// <summary>An embedded struct tagged <c>json:",inline"</c>: its fields join the parent object.</summary>
    Inline,
}
