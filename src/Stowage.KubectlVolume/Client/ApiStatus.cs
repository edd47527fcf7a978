using System.Text.Json.Nodes;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.Client;

/// <summary>A failed request, as the server's <c>Status</c> described it.</summary>
/// <param name="Code">The HTTP status code.</param>
/// <param name="Reason">The Status reason (NotFound, Conflict, Invalid, …).</param>
/// <param name="Message">The Status message.</param>
internal sealed record ApiStatus(int Code, string Reason, string Message)
{
    /// <summary>Whether the object was not found.</summary>
    public bool IsNotFound => Code == 404;

    /// <summary>Whether a precondition (resourceVersion) failed.</summary>
    public bool IsConflict => Code == 409 && Reason == "Conflict";

    /// <summary>As kubectl prints it: <c>Error from server (NotFound): deployments.apps "x" not found</c>.</summary>
    public override string ToString() => Reason.Length == 0 ? $"Error from server: {Message}" : $"Error from server ({Reason}): {Message}";

    /// <summary>Reads a Status body, falling back to what the HTTP code means.</summary>
    public static ApiStatus From(int code, JsonNode? body)
    {
        if (body is JsonObject o && Json.Str(o["kind"]) == "Status")
        {
            return new ApiStatus(code, Json.Str(o["reason"]) ?? "", Json.Str(o["message"]) ?? "");
        }
        return code switch
        {
            401 => new ApiStatus(code, "Unauthorized", "the server has asked for the client to provide credentials"),
            403 => new ApiStatus(code, "Forbidden", "the server does not allow this method on the requested resource"),
            404 => new ApiStatus(code, "NotFound", "the server could not find the requested resource"),
            409 => new ApiStatus(code, "Conflict", "the server reported a conflict"),
            _ => new ApiStatus(code, "", $"an error on the server (HTTP {code}) has prevented the request from succeeding"),
        };
    }
}
