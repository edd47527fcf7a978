using Microsoft.AspNetCore.Http;
using Stowage.Server.Printing;

namespace Stowage.Server.Http;

/// <summary>A request for a meta.k8s.io/v1 Table (Accept: application/json;as=Table;g=meta.k8s.io;v=v1).</summary>
/// <param name="Include">What each row's object carries.</param>
public sealed record TableRequest(IncludeObjectPolicy Include)
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
            "None" => IncludeObjectPolicy.None,
            "Object" => IncludeObjectPolicy.Object,
            _ => IncludeObjectPolicy.Metadata,
        };
        return new TableRequest(include);
    }
}
