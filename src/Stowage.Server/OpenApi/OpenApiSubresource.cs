namespace Stowage.Server.OpenApi;

/// <summary>A subresource the OpenAPI documents describe beside the resource's verbs (log, exec, binding).</summary>
/// <param name="Name">The path segment, e.g. "log".</param>
/// <param name="Kind">The kind it reports (Pod, PodExecOptions, Binding).</param>
/// <param name="Verbs">Discovery verbs: "get" gives a GET operation, "create" a POST.</param>
/// <param name="Connect">Connect-style stream (exec): operations named connect…Get/Post, action "connect".</param>
/// <param name="BodyType">The POST body's record type, or null.</param>
/// <param name="Produces">The MIME type of a successful answer.</param>
/// <param name="Parameters">Query parameters: name, OpenAPI type, description.</param>
public sealed record OpenApiSubresource(
    string Name,
    string Kind,
    IReadOnlyList<string> Verbs,
    bool Connect,
    Type? BodyType,
    string Produces,
    IReadOnlyList<(string Name, string Type, string Description)> Parameters);
