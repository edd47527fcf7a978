namespace Stowage.Server.Resources;

/// <summary>
/// A subresource served beside a resource's own verbs (pods/log, pods/exec, pods/binding; later
/// deployments/scale): its name, what discovery and OpenAPI say about it, and its handler. The
/// status subresource is not one of these: the generic store serves it.
/// </summary>
public sealed record SubresourceDefinition
{
    /// <summary>The URL segment after the object's name, e.g. "log".</summary>
    public required string Name { get; init; }

    /// <summary>The kind discovery reports (Pod for log, PodExecOptions for exec, Binding for binding).</summary>
    public required string Kind { get; init; }

    /// <summary>The discovery verbs, e.g. ["get"] or ["create", "get"].</summary>
    public required IReadOnlyList<string> Verbs { get; init; }

    /// <summary>True for connect-style streams (exec, attach): OpenAPI names them connect…Get/Post.</summary>
    public bool Connect { get; init; }

    /// <summary>The query parameters, for OpenAPI.</summary>
    public IReadOnlyList<SubresourceParameter> Parameters { get; init; } = [];

    /// <summary>The request body's record type (for OpenAPI), e.g. Binding; null when there is none.</summary>
    public Type? BodyType { get; init; }

    /// <summary>The MIME type of a successful answer (text/plain for logs, */* for streams, application/json else).</summary>
    public string Produces { get; init; } = "application/json";

    /// <summary>Serves requests to the subresource.</summary>
    public required ISubresourceHandler Handler { get; init; }
}
