namespace Stowage.Server.OpenApi;

/// <summary>How to answer a request for a per-group-version document.</summary>
public enum OpenApiLookupOutcome
{
    /// <summary>200 with the document.</summary>
    Found,

    /// <summary>The request named an outdated hash: 301 to <see cref="OpenApiLookup.Location"/>, as Kubernetes answers.</summary>
    Moved,

    /// <summary>No such group-version: 404.</summary>
    NotFound,
}
