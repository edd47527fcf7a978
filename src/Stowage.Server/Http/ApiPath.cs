namespace Stowage.Server.Http;

/// <summary>
/// A resource URL taken apart: <c>/api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]</c>
/// or the same under <c>/apis/{group}/{version}</c>.
/// </summary>
/// <param name="Group">The API group ("" for core).</param>
/// <param name="Version">The version.</param>
/// <param name="Namespace">The namespace segment, if any.</param>
/// <param name="Resource">The plural resource.</param>
/// <param name="Name">The object name, if any.</param>
/// <param name="Subresource">The subresource, if any.</param>
public sealed record ApiPath(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource)
{
    /// <summary>Parses a request path; null if it is not a resource path.</summary>
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        int rest;
        string group;
        string version;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }
        var tail = segments[rest..];
        if (tail.Any(s => s.Length == 0))
        {
            return null;
        }
        // /namespaces/{ns}/{resource}... is a namespaced path; /namespaces[/{name}[/{sub}]] is the namespaces resource.
        if (tail.Length >= 3 && tail[0] == "namespaces")
        {
            var ns = tail[1];
            var inner = tail[2..];
            return inner.Length switch
            {
                1 => new ApiPath(group, version, ns, inner[0], null, null),
                2 => new ApiPath(group, version, ns, inner[0], inner[1], null),
                3 => new ApiPath(group, version, ns, inner[0], inner[1], inner[2]),
                _ => null,
            };
        }
        return tail.Length switch
        {
            1 => new ApiPath(group, version, null, tail[0], null, null),
            2 => new ApiPath(group, version, null, tail[0], tail[1], null),
            3 => new ApiPath(group, version, null, tail[0], tail[1], tail[2]),
            _ => null,
        };
    }
}
