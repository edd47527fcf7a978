using System.Text.Json.Nodes;
using Stowage.Api.Meta;
using Stowage.Api.Patching;
using Stowage.Api.Schema;
using Stowage.Server.Errors;

namespace Stowage.Server.Resources;

/// <summary>Applies a patch of any supported type to an object's served JSON, mapping failures to Kubernetes' Status codes.</summary>
public static class PatchApplier
{
    /// <summary>The patched object (for apply: with the manager's ownership recorded).</summary>
    public static JsonObject Apply(JsonObject current, PatchRequest patch, SchemaNode schema, WriteOptions options, DateTimeOffset now)
    {
        try
        {
            return patch.Type switch
            {
                PatchType.Json => JsonPatch.Apply(current, patch.Body) as JsonObject
                    ?? throw new ApiException(StatusErrors.InvalidRequest("the patched object is not a JSON object")),
                PatchType.Merge => MergePatch.Apply(current, patch.Body) as JsonObject
                    ?? throw new ApiException(StatusErrors.InvalidRequest("the patched object is not a JSON object")),
                PatchType.StrategicMerge => StrategicMergePatch.Apply(current, patch.Body, schema),
                _ => ServerSideApplyTo(current, patch, schema, options, now),
            };
        }
        catch (PatchException e)
        {
            throw new ApiException(e.Reason switch
            {
                PatchErrorReason.BadRequest => StatusErrors.BadRequest(e.Message),
                PatchErrorReason.Invalid => StatusErrors.InvalidRequest(e.Message),
                _ => StatusErrors.Internal(e.Message),
            });
        }
    }

    /// <summary>The object a server-side apply creates when none exists.</summary>
    public static JsonObject ApplyToNew(PatchRequest patch, SchemaNode schema, WriteOptions options, DateTimeOffset now) =>
        ServerSideApplyTo(null, patch, schema, options, now);

    private static JsonObject ServerSideApplyTo(JsonObject? live, PatchRequest patch, SchemaNode schema, WriteOptions options, DateTimeOffset now)
    {
        var applied = patch.Body as JsonObject ?? throw new ApiException(StatusErrors.BadRequest("the apply configuration is not a JSON object"));
        var reset = options.Subresource == "status" ? ResetFields.StatusSubresource(schema) : ResetFields.MainResource;
        var result = ServerSideApply.Apply(live, (JsonObject)applied.DeepClone(), options.FieldManager, options.Force, schema, now, options.Subresource, reset);
        if (!result.Succeeded)
        {
            var name = live?["metadata"]?["name"]?.GetValue<string>() ?? applied["metadata"]?["name"]?.GetValue<string>() ?? "";
            throw new ApiException(new Status
            {
                Outcome = "Failure",
                Code = 409,
                Reason = "Conflict",
                Message = result.ConflictMessage,
                Details = new StatusDetails
                {
                    Name = name,
                    Causes = result.Conflicts.Select(c => new StatusCause { Reason = "FieldManagerConflict", Message = c.Message, Field = c.Field }).ToList(),
                },
            });
        }
        return result.Object!;
    }
}
