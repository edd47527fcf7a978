using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Stowage.Api;
using Stowage.Server.Errors;
using Stowage.Server.Resources;

namespace Stowage.Server.Http;

/// <summary>
/// Serves <c>…/{name}/scale</c>: GET, PUT and PATCH of an autoscaling/v1 Scale, as
/// <c>kubectl scale</c> and the scale client use them (a merge patch of spec.replicas).
/// </summary>
public static class ScaleHandler
{
    /// <summary>Handles one scale request.</summary>
    public static async Task HandleAsync(HttpContext context, ResourceDefinition definition, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(definition);
        var scales = definition.Scale ?? throw new ApiException(StatusErrors.PathNotFound());
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        Api.Autoscaling.Scale result;
        switch (request.Method)
        {
            case "GET":
                result = await scales.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
                break;
            case "PUT":
            {
                var (_, node) = RequestBody.Parse(await RequestBody.ReadBytesAsync(context).ConfigureAwait(false), RequestBody.MediaType(context));
                if (node is not JsonObject body)
                {
                    throw new ApiException(StatusErrors.BadRequest("the body of the request was not a JSON object"));
                }
                result = await scales.UpdateAsync(ns, name, body, QueryOptions.Write(request, "scale"), cancellationToken).ConfigureAwait(false);
                break;
            }
            case "PATCH":
            {
                var mediaType = RequestBody.MediaType(context);
                var type = mediaType switch
                {
                    "application/json-patch+json" => PatchType.Json,
                    "application/merge-patch+json" => PatchType.Merge,
                    "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
                    _ => throw new ApiException(StatusErrors.UnsupportedMediaType(mediaType)),
                };
                var (_, node) = RequestBody.Parse(await RequestBody.ReadBytesAsync(context).ConfigureAwait(false), mediaType);
                result = await scales.PatchAsync(ns, name, new PatchRequest(type, node), QueryOptions.Write(request, "scale"), cancellationToken).ConfigureAwait(false);
                break;
            }
            default:
                throw new ApiException(StatusErrors.MethodNotSupported(definition.Plural + "/scale", request.Method));
        }
        await ApiResponses.WriteJsonAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(result, ApiJsonContext.Default.Scale)).ConfigureAwait(false);
    }
}
