namespace Stowage.Server.Printing;

/// <summary>What each row's <c>object</c> holds: the request's <c>includeObject</c> parameter (metav1.IncludeObjectPolicy).</summary>
public enum IncludeObjectPolicy
{
    /// <summary><c>"object":null</c>.</summary>
    None,

    /// <summary>A PartialObjectMetadata carrying the object's metadata: the server's default.</summary>
    Metadata,

    /// <summary>The full object, with kind and apiVersion (kubectl's <c>--sort-by</c> asks for it).</summary>
    Object,
}
