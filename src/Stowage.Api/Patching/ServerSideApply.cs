using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// Server-side apply (PATCH with application/apply-patch+yaml), as kube-apiserver 1.32 does it with
/// structured-merge-diff.
/// </summary>
/// <remarks>
/// <para>
/// The applied configuration's field set becomes the manager's Apply entry. The configuration is
/// merged over the live object (its values win; map lists merge by key, set lists by value, atomic
/// values are replaced). Fields the manager applied last time but not now are then removed unless
/// another manager owns them (structured-merge-diff's prune). Each field the result adds or changes is
/// taken from every other manager that owns it; without <c>force</c> that is a conflict instead, and
/// nothing is written.
/// </para>
/// <para>
/// As in Kubernetes, the manager "kubectl" gets two extras for objects last written by client-side
/// apply: conflicts over fields whose live value still equals the kubectl.kubernetes.io/last-applied-configuration
/// annotation are forced (the upgrade path from client-side apply), and that annotation, if present, is
/// rewritten to the applied configuration.
/// </para>
/// </remarks>
public static class ServerSideApply
{
    /// <summary>The annotation client-side apply keeps its last configuration in.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>
    /// Applies <paramref name="applied"/> for <paramref name="manager"/>. Inputs are not modified.
    /// </summary>
    /// <param name="live">The stored object, or null when the apply creates it.</param>
    /// <param name="applied">The applied configuration (apiVersion, kind, metadata.name, the fields the manager wants).</param>
    /// <param name="manager">The fieldManager (kubectl's default is "kubectl").</param>
    /// <param name="force">Take contested fields instead of failing (kubectl --force-conflicts).</param>
    /// <param name="schema">The kind's schema.</param>
    /// <param name="now">The time to record for the manager when the object changes.</param>
    /// <param name="subresource">"status" when applying to the status subresource.</param>
    /// <param name="resetFields">Fields the apply may not own; see <see cref="ResetFields"/>.</param>
    /// <exception cref="PatchException">
    /// <see cref="PatchErrorReason.BadRequest"/> when the configuration carries managedFields, lacks or
    /// mismatches apiVersion, or has list items without their keys.
    /// </exception>
    public static ApplyResult Apply(
        JsonObject? live,
        JsonObject applied,
        string manager,
        bool force,
        SchemaNode? schema,
        DateTimeOffset now,
        string? subresource = null,
        FieldSet? resetFields = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(manager);
        var apiVersion = Validate(live, applied);
        Dictionary<ManagerIdentity, ManagedFieldsEntry> managers;
        try
        {
            managers = live is null ? [] : ManagedFields.Decode(live).ToDictionary(ManagerIdentity.Of);
        }
        catch (FormatException e)
        {
            throw new PatchException(PatchErrorReason.Unknown, $"failed to decode managed fields: {e.Message}");
        }

        var request = new Request(live, applied, manager, apiVersion, schema, now, subresource, resetFields ?? FieldSet.Empty);
        var result = request.Run(managers, force);
        if (!result.Succeeded && !force && manager == "kubectl")
        {
            // lastAppliedManager: conflicts over fields client-side apply set, and which still hold
            // the values it set, are the manager's own history; force them.
            var allowed = AllowedConflictsFromLastApplied(live, apiVersion, schema);
            if (allowed is not null)
            {
                var remaining = result.Conflicts.Where(c => !allowed.Has(c.Path)).ToList();
                result = remaining.Count > 0 ? ApplyResult.Conflict(remaining) : request.Run(managers, force: true);
            }
        }

        if (result.Succeeded && manager == "kubectl" && LastApplied(result.Object!) is not null)
        {
            SetLastApplied(result.Object!, BuildLastApplied(applied));
        }

        return result;
    }

    private static string Validate(JsonObject? live, JsonObject applied)
    {
        if (applied["metadata"] is JsonObject metadata && metadata["managedFields"] is not null)
        {
            throw new PatchException(PatchErrorReason.BadRequest, "metadata.managedFields must be nil");
        }

        var apiVersion = ReadString(applied["apiVersion"]);
        var expected = live is null ? null : ReadString(live["apiVersion"]);
        if (string.IsNullOrEmpty(apiVersion) || (expected is not null && apiVersion != expected))
        {
            throw new PatchException(
                PatchErrorReason.BadRequest,
                $"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {expected ?? "a version"}");
        }

        return apiVersion;
    }

    private static FieldSet? AllowedConflictsFromLastApplied(JsonObject? live, string apiVersion, SchemaNode? schema)
    {
        if (live is null || LastApplied(live) is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject lastApplied || ReadString(lastApplied["apiVersion"]) != apiVersion)
            {
                return null;
            }

            var comparison = ValueComparison.Compare(lastApplied, ManagedFields.WithoutManagedFields(live), schema);
            return ValueFieldSet.Of(lastApplied, schema)
                .Difference(comparison.Modified)
                .Difference(comparison.Added)
                .Difference(comparison.Removed);
        }
        catch (Exception e) when (e is JsonException or PatchException)
        {
            return null;
        }
    }

    private static string? LastApplied(JsonObject obj) =>
        ReadString(((obj["metadata"] as JsonObject)?["annotations"] as JsonObject)?[LastAppliedAnnotation]);

    private static void SetLastApplied(JsonObject obj, string value) =>
        ((JsonObject)obj["metadata"]!["annotations"]!)[LastAppliedAnnotation] = value;

    // The configuration without the annotation itself, encoded as Go's encoder does (sorted keys,
    // trailing newline) — what kubectl itself writes, so kubectl-last-applied finds no difference.
    private static string BuildLastApplied(JsonObject applied)
    {
        var copy = (JsonObject)applied.DeepClone();
        if ((copy["metadata"] as JsonObject)?["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            if (annotations.Count == 0)
            {
                ((JsonObject)copy["metadata"]!).Remove("annotations");
            }
        }

        return JsonValues.ToGoJson(copy) + "\n";
    }

    private static string? ReadString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    // One apply request; Run may be repeated with force (the last-applied upgrade path).
    private sealed record Request(
        JsonObject? Live,
        JsonObject Applied,
        string Manager,
        string ApiVersion,
        SchemaNode? Schema,
        DateTimeOffset Now,
        string? Subresource,
        FieldSet Reset)
    {
        public ApplyResult Run(IReadOnlyDictionary<ManagerIdentity, ManagedFieldsEntry> current, bool force)
        {
            var managers = new Dictionary<ManagerIdentity, ManagedFieldsEntry>(current);
            var liveValue = Live is null ? new JsonObject() : ManagedFields.WithoutManagedFields(Live);
            var merged = (JsonObject)ValueRemoval.DropNulls(ValueMerge.Merge(liveValue, Applied, Schema))!;

            var id = ManagerIdentity.For(Manager, ManagedFieldsOperation.Apply, ApiVersion, Subresource);
            managers.TryGetValue(id, out var previous);
            managers[id] = new ManagedFieldsEntry
            {
                Manager = Manager,
                Operation = ManagedFieldsOperation.Apply,
                ApiVersion = ApiVersion,
                Subresource = id.Subresource,
                Fields = ValueFieldSet.Of(Applied, Schema).RecursiveDifference(Reset),
                Time = previous?.Time,
            };
            merged = Prune(merged, managers, previous?.Fields);

            var comparison = ValueComparison.Compare(liveValue, merged, Schema);
            var taken = ManagedFields.TakeChangedFields(managers, comparison, Reset, except: id);
            if (taken.Count > 0 && !force)
            {
                return ApplyResult.Conflict(taken
                    .OrderBy(t => t.Key.Key, StringComparer.Ordinal)
                    .SelectMany(t => t.Value.Paths.Select(path => new ApplyConflict(t.Key, path)))
                    .ToList());
            }

            var owned = managers[id].Fields.Difference(ManagedFields.StripSet);
            if (owned.IsEmpty)
            {
                managers.Remove(id);
            }
            else
            {
                managers[id] = managers[id] with { Fields = owned };
            }

            var changed = !comparison.IsSame;
            if (changed && managers.TryGetValue(id, out var entry))
            {
                managers[id] = entry with { Time = ManagedFieldsEntry.Truncate(Now) };
            }

            ManagedFields.CapUpdateManagers(managers);
            var result = changed ? merged : liveValue;
            ManagedFields.SetManagedFields(result, ManagedFields.Encode(managers.Values));
            return ApplyResult.Success(result, changed);
        }

        // structured-merge-diff's Updater.prune: remove what the manager applied last time and no
        // longer applies, unless another manager (or its new configuration) owns it. The three
        // passes keep fields nobody owns that lie under removed structs (uid, defaults) in place.
        private JsonObject Prune(JsonObject merged, Dictionary<ManagerIdentity, ManagedFieldsEntry> managers, FieldSet? lastSet)
        {
            if (lastSet is null || lastSet.IsEmpty)
            {
                return merged;
            }

            var last = ValueFieldSet.EnsureNamedFieldsAreMembers(lastSet, Schema);
            var pruned = ValueRemoval.Remove(merged, last, Schema);

            // Add back what anyone owns.
            var owned = managers.Values.Aggregate(FieldSet.Empty, (all, m) => all.Union(m.Fields));
            var mergedSet = FieldsOf(merged);
            var ownedSet = ValueFieldSet.EnsureNamedFieldsAreMembers(owned, Schema);
            pruned = ValueRemoval.Remove(merged, mergedSet.Difference(FieldsOf(pruned).Union(ownedSet)), Schema);

            // Add back dangling items: only remove what the manager last applied.
            var removed = mergedSet.Difference(FieldsOf(pruned)).Intersection(last);
            return (JsonObject)ValueRemoval.DropNulls(ValueRemoval.Remove(merged, removed, Schema) ?? new JsonObject())!;
        }

        private FieldSet FieldsOf(JsonNode? value) =>
            ValueFieldSet.EnsureNamedFieldsAreMembers(ValueFieldSet.Of(value, Schema), Schema);
    }
}
