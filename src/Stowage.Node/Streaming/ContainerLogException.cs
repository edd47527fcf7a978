namespace Stowage.Node.Streaming;

/// <summary>A log request that cannot be answered, with the kubelet's HTTP code and message.</summary>
public sealed class ContainerLogException : Exception
{
    /// <summary>Creates the error.</summary>
    public ContainerLogException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    /// <summary>Creates the error (400).</summary>
    public ContainerLogException()
        : this(400, "bad request")
    {
    }

    /// <summary>Creates the error (400).</summary>
    public ContainerLogException(string message)
        : this(400, message)
    {
    }

    /// <summary>Creates the error (400).</summary>
    public ContainerLogException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = 400;

    /// <summary>The HTTP status code (400 or 404).</summary>
    public int StatusCode { get; }
}
