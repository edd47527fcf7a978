using Stowage.Api.Meta;

namespace Stowage.Server.Errors;

/// <summary>
/// An API failure that becomes a Kubernetes <see cref="Status"/> response. Thrown by the request
/// pipeline for expected failures (not found, conflict, invalid) and turned into the response in one
/// place (<see cref="Http.ApiResponses"/>).
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception for a status.</summary>
    public ApiException(Status status) : base(status.Message) => Status = status;

    /// <summary>Creates a plain failure.</summary>
    public ApiException() : this(StatusErrors.Internal("unknown error")) { }

    /// <summary>Creates a plain failure with a message.</summary>
    public ApiException(string message) : this(StatusErrors.Internal(message)) { }

    /// <summary>Creates a plain failure with a message and cause.</summary>
    public ApiException(string message, Exception innerException) : base(message, innerException) => Status = StatusErrors.Internal(message);

    /// <summary>The Status to answer with.</summary>
    public Status Status { get; }

    /// <summary>The HTTP status code.</summary>
    public int Code => Status.Code ?? 500;
}
