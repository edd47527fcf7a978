namespace Stowage.Server.Protobuf;

/// <summary>Why a Kubernetes protobuf body could not be turned into JSON.</summary>
public enum ProtobufDecodeError
{
    /// <summary>The bytes are not a valid envelope or message: answer 400 BadRequest.</summary>
    Malformed,

    /// <summary>A well-formed envelope for a kind, version or encoding this server cannot decode:
    /// answer 415 UnsupportedMediaType.</summary>
    UnsupportedType,
}
