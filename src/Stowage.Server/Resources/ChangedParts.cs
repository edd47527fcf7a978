using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Server.Resources;

/// <summary>
/// The parts of two serialized versions of an object that differ, as two trees of the same shape: a property
/// whose JSON is byte-for-byte the same in both is left out of both, an object property that differs is
/// reduced the same way, and anything else that differs (a value, a list, a change of type) is kept whole.
/// <c>metadata.managedFields</c> is always kept, since ownership is read from it.
/// </summary>
/// <remarks>
/// Comparing the reduced trees under the schema finds the same added, modified and removed fields as comparing
/// the whole objects: a subtree equal in both contributes nothing to the comparison, and what remains keeps its
/// path. An update changes a few fields of an object (a claimRef, a phase, a finalizer), so the trees built and
/// walked are a few nodes instead of two copies of the whole object.
/// </remarks>
internal static class ChangedParts
{
    /// <summary>The reduced old and new objects.</summary>
    /// <param name="oldJson">The old object's JSON.</param>
    /// <param name="newJson">The new object's JSON.</param>
    /// <param name="managedFields">
    /// Whether <c>metadata.managedFields</c> is kept in both (true), or left out of both (false: the caller
    /// reads ownership from elsewhere and compares values only).
    /// </param>
    public static (JsonObject Old, JsonObject New) Of(ReadOnlyMemory<byte> oldJson, ReadOnlyMemory<byte> newJson, bool managedFields = true)
    {
        using var oldDoc = JsonDocument.Parse(oldJson);
        using var newDoc = JsonDocument.Parse(newJson);
        var oldTree = new JsonObject();
        var newTree = new JsonObject();
        Reduce(oldDoc.RootElement, newDoc.RootElement, oldTree, newTree, depth: 0, inMetadata: false, managedFields);
        return (oldTree, newTree);
    }

    private static void Reduce(JsonElement oldObject, JsonElement newObject, JsonObject oldOut, JsonObject newOut, int depth, bool inMetadata, bool managedFields)
    {
        foreach (var property in oldObject.EnumerateObject())
        {
            var name = property.Name;
            var isManagedFields = inMetadata && name == "managedFields";
            if (isManagedFields && !managedFields)
            {
                continue;
            }
            if (!newObject.TryGetProperty(name, out var newValue))
            {
                oldOut[name] = Node(property.Value);
                continue;
            }

            var oldValue = property.Value;
            var keep = isManagedFields;
            var isMetadata = depth == 0 && name == "metadata";
            if (!keep && !isMetadata && Raw(oldValue).SequenceEqual(Raw(newValue)))
            {
                continue;
            }

            if (!keep && oldValue.ValueKind == JsonValueKind.Object && newValue.ValueKind == JsonValueKind.Object)
            {
                var oldChild = new JsonObject();
                var newChild = new JsonObject();
                Reduce(oldValue, newValue, oldChild, newChild, depth + 1, isMetadata, managedFields);
                oldOut[name] = oldChild;
                newOut[name] = newChild;
                continue;
            }

            oldOut[name] = Node(oldValue);
            newOut[name] = Node(newValue);
        }

        foreach (var property in newObject.EnumerateObject())
        {
            if (!oldObject.TryGetProperty(property.Name, out _) && !(inMetadata && !managedFields && property.NameEquals("managedFields")))
            {
                newOut[property.Name] = Node(property.Value);
            }
        }
    }

    private static ReadOnlySpan<byte> Raw(JsonElement element) => JsonMarshal.GetRawUtf8Value(element);

    private static JsonNode? Node(JsonElement element) => JsonNode.Parse(Raw(element));
}
