namespace Stowage.Api.Patching;

/// <summary>
/// A patch could not be applied. <see cref="Exception.Message"/> carries the text kube-apiserver
/// would put in the Status message (evanphx/json-patch or strategicpatch wording).
/// </summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates a patch failure with the given Kubernetes status reason.</summary>
    public PatchException(PatchErrorReason reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates an <see cref="PatchErrorReason.Unknown"/> failure.</summary>
    public PatchException()
        : this(PatchErrorReason.Unknown, "patch failed")
    {
    }

    /// <summary>Creates an <see cref="PatchErrorReason.Unknown"/> failure.</summary>
    public PatchException(string message)
        : this(PatchErrorReason.Unknown, message)
    {
    }

    /// <summary>Creates an <see cref="PatchErrorReason.Unknown"/> failure wrapping a cause.</summary>
    public PatchException(string message, Exception innerException)
        : base(message, innerException) => Reason = PatchErrorReason.Unknown;

    /// <summary>How the server should report the failure.</summary>
    public PatchErrorReason Reason { get; }
}
