using Microsoft.AspNetCore.Http;

namespace Stowage.Server.Http;

/// <summary>What a row's "object" carries.</summary>
public enum IncludeObject
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>PartialObjectMetadata (the default).</summary>
    Metadata,
    /// <summary>The full object.</summary>
    Object,
}

/// <summary>A request for a meta.k8s.io/v1 Table (Accept: application/json;as=Table;g=meta.k8s.io;v=v1).</summary>
/// <param name="Include">What each row's object carries.</param>
public sealed record TableRequest(IncludeObject Include)
{
    /// <summary>The table request of an HTTP request, or null if it asks for plain objects.</summary>
    public static TableRequest? Parse(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (!accept.Contains("as=Table", StringComparison.Ordinal) || !accept.Contains("g=meta.k8s.io", StringComparison.Ordinal))
        {
            return null;
        }
        var include = request.Query["includeObject"].ToString() switch
        {
            "None" => IncludeObject.None,
            "Object" => IncludeObject.Object,
            _ => IncludeObject.Metadata,
        };
        return new TableRequest(include);
    }
}
