using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Maintains <c>metadata.managedFields</c> as kube-apiserver's field manager does for writes that are
/// not server-side apply (POST, PUT, and JSON, merge or strategic merge PATCH): the fields a write
/// changes become owned by its (manager, Update, apiVersion) entry and are taken from every other
/// manager. See <see cref="ServerSideApply"/> for apply.
/// </summary>
/// <remarks>
/// The pipeline is Kubernetes' (managedfields/internal): managed fields come from the new object if it
/// carries any (a client may edit them) and from the old object otherwise; an existing object that has
/// no managed fields stays untracked; metadata the server owns is stripped from the writer's set
/// (<see cref="StripSet"/>); the caller's reset fields are never owned; Update entries beyond ten are
/// folded, oldest first, into "ancient-changes"; entries are sorted by operation, time, manager,
/// apiVersion and subresource.
/// </remarks>
public static class ManagedFields
{
    private const int MaxUpdateManagers = 10;
    private const string AncientChangesManager = "ancient-changes";

    /// <summary>
    /// The fields kube-apiserver never records as anyone's (stripMetaManager), plus
    /// metadata.deletionTimestamp, which only the server sets. Removed path by path, so owning
    /// metadata.labels is unaffected by stripping metadata itself.
    /// </summary>
    public static FieldSet StripSet { get; } = FieldSet.Of(
        FieldPath.Fields("apiVersion"),
        FieldPath.Fields("kind"),
        FieldPath.Fields("metadata"),
        FieldPath.Fields("metadata", "name"),
        FieldPath.Fields("metadata", "namespace"),
        FieldPath.Fields("metadata", "creationTimestamp"),
        FieldPath.Fields("metadata", "deletionTimestamp"),
        FieldPath.Fields("metadata", "selfLink"),
        FieldPath.Fields("metadata", "uid"),
        FieldPath.Fields("metadata", "clusterName"),
        FieldPath.Fields("metadata", "generation"),
        FieldPath.Fields("metadata", "managedFields"),
        FieldPath.Fields("metadata", "resourceVersion"));

    /// <summary>Reads an object's managed fields.</summary>
    /// <exception cref="FormatException">An entry is invalid; the message is Kubernetes'.</exception>
    public static IReadOnlyList<ManagedFieldsEntry> Decode(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if ((obj["metadata"] as JsonObject)?["managedFields"] is not JsonNode node)
        {
            return [];
        }

        if (node is not JsonArray entries)
        {
            throw new FormatException("metadata.managedFields must be a list");
        }

        return entries.Select((e, i) => ManagedFieldsEntry.FromJson(e, i)).ToList();
    }

    /// <summary>
    /// The managedFields list in Kubernetes' order (Apply entries first, then by time, manager,
    /// apiVersion, subresource); null when there are no entries, meaning the field is omitted.
    /// </summary>
    public static JsonArray? Encode(IEnumerable<ManagedFieldsEntry> entries)
    {
        var sorted = Sorted(entries).Select(e => (JsonNode)e.ToJson()).ToArray();
        return sorted.Length == 0 ? null : new JsonArray(sorted);
    }

    /// <summary>The entries in Kubernetes' order (see <see cref="Encode"/>).</summary>
    public static IReadOnlyList<ManagedFieldsEntry> Sorted(IEnumerable<ManagedFieldsEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries
            .OrderBy(e => e.Operation.ToString(), StringComparer.Ordinal)
            .ThenBy(e => e.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? "", StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Computes the managed fields for <paramref name="newObj"/> after a non-apply write by
    /// <paramref name="manager"/>; null means "omit metadata.managedFields". Inputs are not modified.
    /// </summary>
    /// <param name="oldObj">The stored object, or null for a create.</param>
    /// <param name="newObj">The object about to be stored (any managedFields it carries are honoured on the main resource).</param>
    /// <param name="manager">The fieldManager, e.g. "kubectl-label".</param>
    /// <param name="apiVersion">The version written, e.g. "v1".</param>
    /// <param name="now">The time to record for a manager whose fields changed.</param>
    /// <param name="schema">The kind's schema.</param>
    /// <param name="subresource">"status" for status writes, null for the main resource.</param>
    /// <param name="resetFields">
    /// Fields this write may not own (and whose changes take ownership from no one), removed with
    /// everything below them: <see cref="ResetFields.MainResource"/> for main-resource writes,
    /// <see cref="ResetFields.StatusSubresource"/> for status writes.
    /// </param>
    public static JsonArray? RecordUpdate(
        JsonObject? oldObj,
        JsonObject newObj,
        string manager,
        string apiVersion,
        DateTimeOffset now,
        SchemaNode? schema,
        string? subresource = null,
        FieldSet? resetFields = null) =>
        RecordUpdateEntries(oldObj, newObj, manager, apiVersion, now, schema, subresource, resetFields) is { } entries ? Encode(entries) : null;

    /// <summary>
    /// As <see cref="RecordUpdate"/>, the entries themselves in Kubernetes' order; null means "omit
    /// metadata.managedFields", as does an empty list.
    /// </summary>
    public static IReadOnlyList<ManagedFieldsEntry>? RecordUpdateEntries(
        JsonObject? oldObj,
        JsonObject newObj,
        string manager,
        string apiVersion,
        DateTimeOffset now,
        SchemaNode? schema,
        string? subresource = null,
        FieldSet? resetFields = null)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(apiVersion);
        var reset = resetFields ?? FieldSet.Empty;

        var managers = subresource is null && TryDecode(newObj) is { Count: > 0 } fromNew ? fromNew : TryDecode(oldObj) ?? [];
        if (oldObj is not null && managers.Count == 0)
        {
            // kube-apiserver does not start tracking an existing object on update.
            return null;
        }

        var oldValue = oldObj is null ? EmptyObject(schema) : WithoutManagedFields(oldObj);
        return RecordUpdate(managers, oldValue, WithoutManagedFields(newObj), manager, apiVersion, now, schema, subresource, reset);
    }

    /// <summary>
    /// The update step of <see cref="RecordUpdateEntries(JsonObject?, JsonObject, string, string, DateTimeOffset, SchemaNode?, string?, FieldSet?)"/>
    /// on entries already decoded (a later entry of the same manager replaces an earlier one, as in decoding) and on
    /// values without <c>metadata.managedFields</c>. An entry whose manager keeps its fields (and time) is returned
    /// as the very instance given.
    /// </summary>
    public static IReadOnlyList<ManagedFieldsEntry> RecordUpdateEntries(
        IEnumerable<ManagedFieldsEntry> entries,
        JsonObject oldValue,
        JsonObject newValue,
        string manager,
        string apiVersion,
        DateTimeOffset now,
        SchemaNode? schema,
        string? subresource,
        FieldSet reset)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var managers = new Dictionary<ManagerIdentity, ManagedFieldsEntry>();
        foreach (var entry in entries)
        {
            managers[ManagerIdentity.Of(entry)] = entry;
        }
        return RecordUpdate(managers, oldValue, newValue, manager, apiVersion, now, schema, subresource, reset);
    }

    private static IReadOnlyList<ManagedFieldsEntry> RecordUpdate(
        Dictionary<ManagerIdentity, ManagedFieldsEntry> managers,
        JsonObject oldValue,
        JsonObject newValue,
        string manager,
        string apiVersion,
        DateTimeOffset now,
        SchemaNode? schema,
        string? subresource,
        FieldSet reset)
    {
        ArgumentNullException.ThrowIfNull(managers);
        ArgumentNullException.ThrowIfNull(reset);
        var comparison = ValueComparison.Compare(oldValue, newValue, schema);
        TakeChangedFields(managers, comparison, reset, except: null);

        var changed = comparison.Modified.Union(comparison.Added).Difference(comparison.Removed)
            .RecursiveDifference(reset)
            .Difference(StripSet);
        if (!changed.IsEmpty)
        {
            var id = ManagerIdentity.For(manager, ManagedFieldsOperation.Update, apiVersion, subresource);
            managers[id] = new ManagedFieldsEntry
            {
                Manager = manager,
                Operation = ManagedFieldsOperation.Update,
                ApiVersion = apiVersion,
                Subresource = id.Subresource,
                Fields = managers.TryGetValue(id, out var previous) ? changed.Union(previous.Fields) : changed,
                Time = ManagedFieldsEntry.Truncate(now),
            };
        }

        CapUpdateManagers(managers);
        return Sorted(managers.Values);
    }

    /// <summary>Decodes an object's managed fields keyed by manager identity; null if they cannot be decoded.</summary>
    internal static Dictionary<ManagerIdentity, ManagedFieldsEntry>? TryDecode(JsonObject? obj)
    {
        if (obj is null)
        {
            return null;
        }

        try
        {
            var managers = new Dictionary<ManagerIdentity, ManagedFieldsEntry>();
            foreach (var entry in Decode(obj))
            {
                managers[ManagerIdentity.Of(entry)] = entry;
            }

            return managers;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The update step shared with apply (structured-merge-diff's Updater.update): every manager but
    /// <paramref name="except"/> loses the fields the write modified or added and those it removed;
    /// managers left with nothing are dropped. Returns what each manager lost to modification.
    /// </summary>
    internal static Dictionary<ManagerIdentity, FieldSet> TakeChangedFields(
        Dictionary<ManagerIdentity, ManagedFieldsEntry> managers,
        FieldComparison comparison,
        FieldSet reset,
        ManagerIdentity? except)
    {
        var changed = comparison.Modified.Union(comparison.Added).RecursiveDifference(reset);
        var taken = new Dictionary<ManagerIdentity, FieldSet>();
        foreach (var (id, entry) in managers.ToList())
        {
            if (id.Equals(except))
            {
                continue;
            }

            var conflict = entry.Fields.Intersection(changed);
            if (!conflict.IsEmpty)
            {
                taken[id] = conflict;
            }

            var remaining = entry.Fields.Difference(conflict).Difference(comparison.Removed);
            if (remaining.IsEmpty)
            {
                managers.Remove(id);
            }
            else if (!ReferenceEquals(remaining, entry.Fields))
            {
                managers[id] = entry with { Fields = remaining };
            }
        }

        return taken;
    }

    /// <summary>
    /// Folds the oldest Update entries into per-version "ancient-changes" entries until at most ten
    /// Update entries remain (capManagersManager).
    /// </summary>
    internal static void CapUpdateManagers(Dictionary<ManagerIdentity, ManagedFieldsEntry> managers)
    {
        var updaters = managers
            .Where(m => m.Key.Operation == ManagedFieldsOperation.Update)
            .OrderBy(m => m.Value.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(m => m.Key.Key, StringComparer.Ordinal)
            .Select(m => m.Key)
            .ToList();
        var length = updaters.Count;
        var firstByVersion = new Dictionary<string, ManagerIdentity>(StringComparer.Ordinal);
        for (var i = 0; i < updaters.Count && length > MaxUpdateManagers; i++)
        {
            var id = updaters[i];
            var entry = managers[id];
            var bucket = ManagerIdentity.For(AncientChangesManager, ManagedFieldsOperation.Update, entry.ApiVersion, null);
            if (!firstByVersion.TryGetValue(entry.ApiVersion, out var first))
            {
                firstByVersion[entry.ApiVersion] = id;
                continue;
            }

            if (!managers.ContainsKey(bucket))
            {
                managers[bucket] = managers[first] with { Manager = AncientChangesManager, Subresource = null };
                managers.Remove(first);
            }

            managers[bucket] = managers[bucket] with { Fields = entry.Fields.Union(managers[bucket].Fields), Time = entry.Time };
            managers.Remove(id);
            length--;
        }
    }

    /// <summary>A copy of the object without metadata.managedFields.</summary>
    internal static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    /// <summary>Sets (or, for null, removes) metadata.managedFields.</summary>
    internal static void SetManagedFields(JsonObject obj, JsonArray? managedFields)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            if (managedFields is null || obj.ContainsKey("metadata"))
            {
                // Nothing to remove, or metadata is not an object (validation rejects that object).
                return;
            }

            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (managedFields is null)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = managedFields;
        }
    }

    // What a new Go object of the kind serialises to before anything is set, as far as the schema
    // tells: struct-typed top-level fields (metadata, spec, status) are present and empty, and inside
    // them required fields are present too (null lists and maps, empty structs), since Go writes
    // fields without omitempty. Comparing a created object against it makes ownership of spec, or of
    // a Pod's containers, appear through their children only, as real clusters record it.
    private static JsonObject EmptyObject(SchemaNode? schema)
    {
        var empty = new JsonObject();
        foreach (var (name, property) in schema?.Properties ?? [])
        {
            if (SchemaShape.Of(property, null) == ShapeKind.Struct)
            {
                empty[name] = EmptyStruct(property, depth: 0);
            }
        }

        return empty;
    }

    private static JsonObject EmptyStruct(SchemaNode schema, int depth)
    {
        var empty = new JsonObject();
        foreach (var name in schema.Required)
        {
            if (depth > 8 || !schema.Properties.TryGetValue(name, out var property))
            {
                continue;
            }

            switch (SchemaShape.Of(property, null))
            {
                case ShapeKind.Struct:
                    empty[name] = EmptyStruct(property, depth + 1);
                    break;
                case ShapeKind.Map or ShapeKind.ListMap or ShapeKind.ListSet:
                    empty[name] = null;
                    break;
            }
        }

        return empty;
    }
}
