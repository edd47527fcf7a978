namespace Stowage.Server.Protobuf;

/// <summary>A decoded metav1.Time or MicroTime; <see cref="Value"/> is null for Go's zero time.</summary>
internal readonly record struct ProtoTimestamp(DateTimeOffset? Value)
{
    public static ProtoTimestamp Zero => default;
}
