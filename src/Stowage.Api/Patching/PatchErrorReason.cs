namespace Stowage.Api.Patching;

/// <summary>
/// How kube-apiserver reports a patch that cannot be applied; the server maps this to a Status.
/// </summary>
public enum PatchErrorReason
{
    /// <summary>400 BadRequest: the patch document itself is malformed (not a JSON patch, a bad directive format).</summary>
    BadRequest,

    /// <summary>422 Invalid: a well-formed JSON patch does not apply to the object (missing path, failed test).</summary>
    Invalid,

    /// <summary>
    /// 500 with reason Unknown: errors kube-apiserver passes through unconverted, such as a strategic
    /// merge patch list item without its merge key. kubectl prints these as "Error from server: &lt;message&gt;".
    /// </summary>
    Unknown,
}
