namespace Stowage.Server.Protobuf;

/// <summary>
/// A Kubernetes protobuf request body could not be decoded. <see cref="Error"/> tells the caller
/// which HTTP status to answer with; <see cref="Exception.Message"/> is fit to show a user.
/// </summary>
public sealed class ProtobufDecodeException : Exception
{
    public ProtobufDecodeException()
        : this(ProtobufDecodeError.Malformed, "malformed protobuf body")
    {
    }

    public ProtobufDecodeException(string message)
        : this(ProtobufDecodeError.Malformed, message)
    {
    }

    public ProtobufDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = ProtobufDecodeError.Malformed;
    }

    public ProtobufDecodeException(ProtobufDecodeError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Malformed bytes (400) or an unsupported kind or encoding (415).</summary>
    public ProtobufDecodeError Error { get; }

    internal static ProtobufDecodeException Malformed(string message) => new(ProtobufDecodeError.Malformed, message);

    internal static ProtobufDecodeException Unsupported(string message) => new(ProtobufDecodeError.UnsupportedType, message);
}
