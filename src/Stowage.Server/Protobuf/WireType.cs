namespace Stowage.Server.Protobuf;

/// <summary>The protobuf wire types. Groups (3, 4) are rejected: Kubernetes never emits them.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
