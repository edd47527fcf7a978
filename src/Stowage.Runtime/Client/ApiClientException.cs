using Stowage.Api.Meta;

namespace Stowage.Runtime.Client;

/// <summary>The API answered with a failure Status.</summary>
public sealed class ApiClientException : Exception
{
    /// <summary>Creates the exception from a Status.</summary>
    public ApiClientException(Status status) : base(status.Message ?? status.Reason ?? "request failed") => Status = status;

    /// <summary>Creates the exception.</summary>
    public ApiClientException() : this(new Status { Code = 500, Message = "request failed" }) { }

    /// <summary>Creates the exception with a message.</summary>
    public ApiClientException(string message) : this(new Status { Code = 500, Message = message }) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ApiClientException(string message, Exception innerException) : base(message, innerException) => Status = new Status { Code = 500, Message = message };

    /// <summary>The Status.</summary>
    public Status Status { get; }

    /// <summary>The HTTP code.</summary>
    public int Code => Status.Code ?? 500;

    /// <summary>404.</summary>
    public bool IsNotFound => Code == 404;

    /// <summary>409 Conflict (stale resourceVersion).</summary>
    public bool IsConflict => Code == 409 && Status.Reason == "Conflict";

    /// <summary>409 AlreadyExists.</summary>
    public bool IsAlreadyExists => Code == 409 && Status.Reason == "AlreadyExists";

    /// <summary>410 Gone (too old resourceVersion).</summary>
    public bool IsGone => Code == 410;
}
