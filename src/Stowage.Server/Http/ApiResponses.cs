using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stowage.Api;
using Stowage.Api.Meta;
using Stowage.Server.Errors;

namespace Stowage.Server.Http;

/// <summary>Writes API responses: objects, raw JSON and — in one place — every error as a Status.</summary>
public static class ApiResponses
{
    /// <summary>The JSON content type the server answers with.</summary>
    public const string Json = "application/json";

    /// <summary>Writes UTF-8 JSON bytes.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, ReadOnlyMemory<byte> body, string contentType = Json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes a Status (its code is the HTTP status).</summary>
    public static Task WriteStatusAsync(HttpContext context, Status status) =>
        WriteJsonAsync(context, status.Code ?? 200, JsonSerializer.SerializeToUtf8Bytes(status, ApiJsonContext.Default.Status));

    /// <summary>Writes the Status of a failure; unexpected exceptions become 500s without leaking internals.</summary>
    public static Task WriteErrorAsync(HttpContext context, Exception error) => error switch
    {
        ApiException api => WriteStatusAsync(context, api.Status),
        Storage.StorageException storage => WriteStatusAsync(context, StatusErrors.Internal(storage.Message)),
        _ => WriteStatusAsync(context, StatusErrors.Internal(error.GetType().Name + ": " + error.Message)),
    };
}
