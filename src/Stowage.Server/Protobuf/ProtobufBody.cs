using Stowage.Server.Errors;

namespace Stowage.Server.Protobuf;

/// <summary>TEMPORARY bridge until the protobuf decoder lands.</summary>
public static class ProtobufBody
{
    /// <summary>Converts a Kubernetes protobuf body to JSON bytes.</summary>
    public static byte[] ToJson(byte[] body) => throw new ApiException(StatusErrors.UnsupportedMediaType("application/vnd.kubernetes.protobuf"));
}
