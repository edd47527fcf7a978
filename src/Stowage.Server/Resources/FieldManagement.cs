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
        where T : class, IApiObject<T> =>
        Record(obj, old, options, now, typeInfo, schema, apiVersion, creates: null);

    /// <summary>
    /// As <see cref="Record{T}(T, T?, WriteOptions, DateTimeOffset, JsonTypeInfo{T}, SchemaNode, string)"/>; a create
    /// looks up the fields its shape owns in <paramref name="creates"/> (the kind's cache) before computing them.
    /// </summary>
    internal static T Record<T>(T obj, T? old, WriteOptions options, DateTimeOffset now, JsonTypeInfo<T> typeInfo, SchemaNode schema, string apiVersion, CreateFieldsCache? creates)
        where T : class, IApiObject<T>
    {
        if (options.IsApply)
        {
            return obj;
        }
        // Ownership is the server's record: what the client sent in managedFields is replaced by the stored entries.
        var baseline = obj.WithMetadata(obj.Metadata with { ManagedFields = old?.Metadata.ManagedFields });
        if (old is null && creates is not null)
        {
            return RecordCreate(obj, baseline, options, now, typeInfo, schema, apiVersion, creates);
        }
        if (old is null)
        {
            return WithEntries(obj, Compute(null, (JsonObject)JsonSerializer.SerializeToNode(baseline, typeInfo)!, options, now, schema, apiVersion, out _));
        }
        return RecordUpdate(obj, old, JsonSerializer.SerializeToUtf8Bytes(old, typeInfo), JsonSerializer.SerializeToUtf8Bytes(baseline, typeInfo), options, now, schema, apiVersion);
    }

    /// <summary>
    /// The object with managed fields recorded for a non-apply update, from two serializations made the same
    /// way: the stored object's, and the new object's with the stored object's managed fields
    /// (<paramref name="baselineJson"/>).
    /// </summary>
    /// <remarks>
    /// Ownership is read from <paramref name="current"/>'s decoded entries rather than from the JSON, and an
    /// entry whose manager keeps its fields is carried over as it is: a write changes a few fields, and
    /// usually one manager's entry.
    /// </remarks>
    internal static T RecordUpdate<T>(T obj, T current, ReadOnlyMemory<byte> oldJson, ReadOnlyMemory<byte> baselineJson, WriteOptions options, DateTimeOffset now, SchemaNode schema, string apiVersion)
        where T : class, IApiObject<T>
    {
        if (current.Metadata.ManagedFields is not { Count: > 0 } stored)
        {
            return WithEntries(obj, null); // kube-apiserver does not start tracking an existing object on update
        }
        var managers = new List<Stowage.Api.Patching.ManagedFieldsEntry>(stored.Count);
        var carried = new Dictionary<Stowage.Api.Patching.ManagedFieldsEntry, Stowage.Api.Meta.ManagedFieldsEntry>(ReferenceEqualityComparer.Instance);
        try
        {
            for (var i = 0; i < stored.Count; i++)
            {
                var entry = Stowage.Api.Patching.ManagedFieldsEntry.FromApi(stored[i], i);
                managers.Add(entry);
                carried[entry] = stored[i];
            }
        }
        catch (FormatException)
        {
            return WithEntries(obj, null); // entries that cannot be read are dropped, as kube-apiserver does
        }

        // An update compares only what it changed (the same fields as comparing the whole objects).
        var (oldParts, newParts) = ChangedParts.Of(oldJson, baselineJson, managedFields: false);
        IReadOnlyList<Stowage.Api.Patching.ManagedFieldsEntry> entries;
        try
        {
            entries = ManagedFields.RecordUpdateEntries(managers, oldParts, newParts, options.FieldManager, apiVersion, now, schema,
                options.Subresource, Reset(options, schema));
        }
        catch (PatchException)
        {
            return WithEntries(obj, null); // see Compute
        }
        return WithEntries(obj, entries.Select(e => carried.TryGetValue(e, out var same) ? same : ToApi(e)).ToList());
    }

    private static T RecordCreate<T>(T obj, T baseline, WriteOptions options, DateTimeOffset now, JsonTypeInfo<T> typeInfo, SchemaNode schema, string apiVersion, CreateFieldsCache creates)
        where T : class, IApiObject<T>
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(baseline, typeInfo);
        var shape = CreateFieldsCache.ShapeOf(json, options.Subresource);
        if (!creates.TryGet(shape, out var fields))
        {
            var managed = Compute(null, (JsonObject)JsonNode.Parse(json)!, options, now, schema, apiVersion, out var failed);
            if (failed || managed is { Count: > 1 })
            {
                return WithEntries(obj, managed); // not a plain create's single entry: nothing to remember
            }
            var entry = managed is { Count: 1 } ? managed[0] : null;
            fields = new CreateFields(entry?.FieldsV1, entry?.Subresource);
            creates.Add(shape, fields);
            return WithEntries(obj, managed);
        }
        if (fields.FieldsV1 is null)
        {
            return WithEntries(obj, null);
        }
        // The entry RecordUpdate writes for a create, built directly (ManagedFieldsEntry.ToJson read back).
        return WithEntries(obj,
        [
            new Stowage.Api.Meta.ManagedFieldsEntry
            {
                Manager = options.FieldManager,
                Operation = nameof(ManagedFieldsOperation.Update),
                ApiVersion = apiVersion,
                Time = Stowage.Api.Patching.ManagedFieldsEntry.Truncate(now),
                FieldsType = "FieldsV1",
                FieldsV1 = fields.FieldsV1,
                Subresource = fields.Subresource,
            },
        ]);
    }

    private static IReadOnlyList<Stowage.Api.Meta.ManagedFieldsEntry>? Compute(JsonObject? oldJson, JsonObject newJson, WriteOptions options, DateTimeOffset now, SchemaNode schema, string apiVersion, out bool failed)
    {
        var reset = Reset(options, schema);
        IReadOnlyList<Stowage.Api.Patching.ManagedFieldsEntry>? entries;
        failed = false;
        try
        {
            entries = ManagedFields.RecordUpdateEntries(oldJson, newJson, options.FieldManager, apiVersion, now, schema, options.Subresource, reset);
        }
        catch (PatchException)
        {
            // Kubernetes' UpdateNoErrors: a write is never failed by its bookkeeping (an object
            // validation will reject, such as a keyed list item without its key, cannot be
            // tracked); the managed fields are cleared rather than left half-updated.
            failed = true;
            return null;
        }
        return entries?.Select(ToApi).ToList();
    }

    private static FieldSet Reset(WriteOptions options, SchemaNode schema) =>
        options.Subresource == "status" ? ResetFields.StatusSubresource(schema) : ResetFields.MainResource;

    // The API's form of an entry, as ManagedFieldsEntry.ToJson writes it.
    private static Stowage.Api.Meta.ManagedFieldsEntry ToApi(Stowage.Api.Patching.ManagedFieldsEntry e) => new()
    {
        Manager = e.Manager,
        Operation = e.Operation.ToString(),
        ApiVersion = e.ApiVersion,
        Time = e.Time,
        FieldsType = "FieldsV1",
        FieldsV1 = e.Fields.AsFieldsV1(),
        Subresource = string.IsNullOrEmpty(e.Subresource) ? null : e.Subresource,
    };

    private static T WithEntries<T>(T obj, IReadOnlyList<Stowage.Api.Meta.ManagedFieldsEntry>? managed)
        where T : class, IApiObject<T> =>
        obj.WithMetadata(obj.Metadata with { ManagedFields = managed is { Count: > 0 } ? managed : null });
}
