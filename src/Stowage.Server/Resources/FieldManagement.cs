using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Meta;
using Stowage.Api.Patching;
using Stowage.Api.Schema;

namespace Stowage.Server.Resources;

/// <summary>
/// Maintains metadata.managedFields on every non-apply write, as kube-apiserver's field manager
/// does: the fields a write changed become owned by its manager (operation Update). Server-side
/// apply records its own ownership (see <see cref="PatchApplier"/>).
/// </summary>
public static class FieldManagement
{
    /// <summary>The object with managed fields recorded for a write by <see cref="WriteOptions.FieldManager"/>.</summary>
    public static T Record<T>(T obj, T? old, WriteOptions options, DateTimeOffset now, JsonTypeInfo<T> typeInfo, SchemaNode schema, string apiVersion)
        where T : class, IApiObject<T>
    {
        if (options.IsApply)
        {
            return obj;
        }
        // Ownership is the server's record: what the client sent in managedFields is replaced by the stored entries.
        var baseline = obj.WithMetadata(obj.Metadata with { ManagedFields = old?.Metadata.ManagedFields });
        var newJson = (JsonObject)JsonSerializer.SerializeToNode(baseline, typeInfo)!;
        var oldJson = old is null ? null : (JsonObject)JsonSerializer.SerializeToNode(old, typeInfo)!;
        var reset = options.Subresource == "status" ? ResetFields.StatusSubresource(schema) : ResetFields.MainResource;
        JsonNode? entries;
        try
        {
            entries = ManagedFields.RecordUpdate(oldJson, newJson, options.FieldManager, apiVersion, now, schema, options.Subresource, reset);
        }
        catch (PatchException)
        {
            // Kubernetes' UpdateNoErrors: a write is never failed by its bookkeeping (an object
            // validation will reject, such as a keyed list item without its key, cannot be
            // tracked); the managed fields are cleared rather than left half-updated.
            return obj.WithMetadata(obj.Metadata with { ManagedFields = null });
        }
        var managed = entries?.Deserialize(ApiJsonContext.Default.IReadOnlyListManagedFieldsEntry);
        return obj.WithMetadata(obj.Metadata with { ManagedFields = managed is { Count: > 0 } ? managed : null });
    }
}
