using Stowage.Server.Errors;

namespace Stowage.Server.Protobuf;

/// <summary>Bridges Kubernetes protobuf request bodies into the JSON pipeline, with Kubernetes' status codes.</summary>
public static class ProtobufBody
{
    /// <summary>Converts a Kubernetes protobuf body to JSON bytes (415 for kinds not decodable, 400 for malformed bytes).</summary>
    public static byte[] ToJson(byte[] body)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetBytes(KubernetesProtobufDecoder.Decode(body).ToJsonString());
        }
        catch (ProtobufDecodeException e) when (e.Error == ProtobufDecodeError.UnsupportedType)
        {
            throw new ApiException(StatusErrors.UnsupportedMediaType($"application/vnd.kubernetes.protobuf ({e.Message})"));
        }
        catch (ProtobufDecodeException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"error decoding protobuf body: {e.Message}"));
        }
    }
}
