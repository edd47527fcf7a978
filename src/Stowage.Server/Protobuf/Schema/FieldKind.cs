namespace Stowage.Server.Protobuf.Schema;

/// <summary>What a field holds on the wire and how its value becomes JSON.</summary>
internal enum FieldKind
{
    String,

    /// <summary>Go <c>[]byte</c>: base64 in JSON.</summary>
    Bytes,
    Bool,
    Int32,
    Int64,

    /// <summary>A nested message described by a <see cref="MessageDescriptor"/>.</summary>
    Message,

    /// <summary>metav1.Time {1 seconds, 2 nanos}: RFC 3339 seconds in JSON, null when zero.</summary>
    Time,

    /// <summary>metav1.MicroTime: RFC 3339 with six fractional digits, null when zero.</summary>
    MicroTime,

    /// <summary>resource.Quantity {1 string}: the string in JSON.</summary>
    Quantity,

    /// <summary>intstr.IntOrString {1 type, 2 intVal, 3 strVal}: a number or a string in JSON.</summary>
    IntOrString,

    /// <summary>metav1.FieldsV1 {1 raw}: raw holds JSON that is embedded as is.</summary>
    FieldsV1,
}
