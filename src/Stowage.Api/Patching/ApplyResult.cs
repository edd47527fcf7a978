using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>The outcome of <see cref="ServerSideApply.Apply"/>: the object to store, or the conflicts that prevent it.</summary>
public sealed class ApplyResult
{
    private ApplyResult(JsonObject? obj, bool changed, IReadOnlyList<ApplyConflict> conflicts)
    {
        Object = obj;
        Changed = changed;
        Conflicts = conflicts;
    }

    /// <summary>True when the apply succeeded and <see cref="Object"/> is set.</summary>
    public bool Succeeded => Object is not null;

    /// <summary>The merged object with its new metadata.managedFields; null on conflict.</summary>
    public JsonObject? Object { get; }

    /// <summary>
    /// True if the object's content (managed fields aside) differs from the live object; an apply
    /// that changes nothing may still change ownership.
    /// </summary>
    public bool Changed { get; }

    /// <summary>The conflicts, grouped by manager; empty on success.</summary>
    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    /// <summary>
    /// The 409 Status message, worded as kube-apiserver's (managedfields' conflict.go):
    /// <c>Apply failed with 1 conflict: conflict with "m" using v1: .spec.x</c>, or for several,
    /// one "conflicts with" line per manager followed by "- path" lines. Null on success.
    /// </summary>
    public string? ConflictMessage
    {
        get
        {
            if (Conflicts.Count == 0)
            {
                return null;
            }

            if (Conflicts.Count == 1)
            {
                return $"Apply failed with 1 conflict: {Conflicts[0].Message}: {Conflicts[0].Field}";
            }

            var lines = Conflicts
                .GroupBy(c => c.Owner.Key, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(c => "- " + c.Field).Prepend($"conflicts with {g.First().Owner.Display}:"));
            return $"Apply failed with {Conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }
    }

    internal static ApplyResult Success(JsonObject obj, bool changed) => new(obj, changed, []);

    internal static ApplyResult Conflict(IReadOnlyList<ApplyConflict> conflicts) => new(null, false, conflicts);
}
