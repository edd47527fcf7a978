using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>
/// RFC 6902 JSON Patch, as kube-apiserver 1.32 applies it (gopkg.in/evanphx/json-patch.v4): the
/// operations, error wording and quirks are that library's, because kubectl users see its messages.
/// </summary>
/// <remarks>
/// Quirks kept on purpose, since they are what Kubernetes does:
/// <list type="bullet">
/// <item>"replace" on a missing object member adds it (only a missing array index fails);</item>
/// <item>negative array indices count from the end;</item>
/// <item>a member holding JSON null counts as missing when walking a path;</item>
/// <item>most messages end in ": missing value", the wrapped Go sentinel error.</item>
/// </list>
/// </remarks>
public static class JsonPatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> (a JSON array of operations) to a copy of
    /// <paramref name="document"/> and returns the copy; the inputs are not modified.
    /// </summary>
    /// <exception cref="PatchException">
    /// <see cref="PatchErrorReason.BadRequest"/> if the patch is not an array of objects,
    /// <see cref="PatchErrorReason.Invalid"/> if an operation does not apply.
    /// </exception>
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (patch is null)
        {
            // Go decodes "null" into an empty patch.
            return document.DeepClone();
        }

        if (patch is not JsonArray operations)
        {
            throw new PatchException(
                PatchErrorReason.BadRequest,
                $"json: cannot unmarshal {GoJsonKind(patch)} into Go value of type jsonpatch.Patch");
        }

        if (document is not (JsonObject or JsonArray))
        {
            throw Invalid($"json: cannot unmarshal {GoJsonKind(document)} into Go value of type jsonpatch.partialDoc");
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject)
            {
                throw new PatchException(
                    PatchErrorReason.BadRequest,
                    $"json: cannot unmarshal {GoJsonKind(operation)} into Go value of type jsonpatch.Operation");
            }
        }

        var root = new JsonArray(document.DeepClone());
        foreach (var operation in operations.Cast<JsonObject>())
        {
            ApplyOperation(root, operation);
        }

        return root[0]!.DeepClone();
    }

    private static void ApplyOperation(JsonArray root, JsonObject op)
    {
        var kind = ReadString(op, "op") ?? "unknown";
        switch (kind)
        {
            case "add":
                Add(root, op);
                break;
            case "remove":
                Remove(root, op);
                break;
            case "replace":
                Replace(root, op);
                break;
            case "move":
                Move(root, op);
                break;
            case "copy":
                Copy(root, op);
                break;
            case "test":
                Test(root, op);
                break;
            default:
                throw Invalid($"Unexpected kind: {kind}");
        }
    }

    private static void Add(JsonArray root, JsonObject op)
    {
        var path = ReadString(op, "path") ?? throw Invalid("add operation failed to decode path: missing value");
        var (container, key) = FindContainer(root, path);
        if (container is null)
        {
            throw Invalid($"add operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        var error = AddTo(container, key, Value(op));
        if (error is not null)
        {
            throw Invalid($"error in add for path: '{path}': {error}");
        }
    }

    private static void Remove(JsonArray root, JsonObject op)
    {
        var path = ReadString(op, "path") ?? throw Invalid("remove operation failed to decode path: missing value");
        var (container, key) = FindContainer(root, path);
        if (container is null)
        {
            throw Invalid($"remove operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        var error = RemoveFrom(container, key);
        if (error is not null)
        {
            throw Invalid($"error in remove for path: '{path}': {error}");
        }
    }

    private static void Replace(JsonArray root, JsonObject op)
    {
        var path = ReadString(op, "path")
            ?? throw Invalid("replace operation failed to decode path: operation missing path field: missing value");
        var (container, key) = FindContainer(root, path);
        if (container is null)
        {
            throw Invalid($"replace operation does not apply: doc is missing path: {path}: missing value");
        }

        if (Get(container, key, out _) is not null)
        {
            throw Invalid($"replace operation does not apply: doc is missing key: {path}: missing value");
        }

        var error = Set(container, key, Value(op));
        if (error is not null)
        {
            throw Invalid($"error in remove for path: '{path}': {error}");
        }
    }

    private static void Move(JsonArray root, JsonObject op)
    {
        var from = ReadString(op, "from")
            ?? throw Invalid("move operation failed to decode from: operation, missing from field: missing value");
        var (source, sourceKey) = FindContainer(root, from);
        if (source is null)
        {
            throw Invalid($"move operation does not apply: doc is missing from path: {from}: missing value");
        }

        var error = Get(source, sourceKey, out var value);
        if (error is not null)
        {
            throw Invalid($"error in move for path: '{sourceKey}': {error}");
        }

        value = JsonValues.Clone(value);
        error = RemoveFrom(source, sourceKey);
        if (error is not null)
        {
            throw Invalid($"error in move for path: '{sourceKey}': {error}");
        }

        var path = ReadString(op, "path")
            ?? throw Invalid("move operation failed to decode path: operation missing path field: missing value");
        var (target, key) = FindContainer(root, path);
        if (target is null)
        {
            throw Invalid($"move operation does not apply: doc is missing destination path: {path}: missing value");
        }

        error = AddTo(target, key, value);
        if (error is not null)
        {
            throw Invalid($"error in move for path: '{path}': {error}");
        }
    }

    private static void Copy(JsonArray root, JsonObject op)
    {
        var from = ReadString(op, "from")
            ?? throw Invalid("copy operation failed to decode from: operation, missing from field: missing value");
        var (source, sourceKey) = FindContainer(root, from);
        if (source is null)
        {
            throw Invalid($"copy operation does not apply: doc is missing from path: {from}: missing value");
        }

        var error = Get(source, sourceKey, out var value);
        if (error is not null)
        {
            throw Invalid($"error in copy for from: '{from}': {error}");
        }

        var path = ReadString(op, "path") ?? throw Invalid("copy operation failed to decode path: missing value");
        var (target, key) = FindContainer(root, path);
        if (target is null)
        {
            throw Invalid($"copy operation does not apply: doc is missing destination path: {path}: missing value");
        }

        error = AddTo(target, key, JsonValues.Clone(value));
        if (error is not null)
        {
            throw Invalid($"error while adding value during copy: {error}");
        }
    }

    private static void Test(JsonArray root, JsonObject op)
    {
        var path = ReadString(op, "path")
            ?? throw Invalid("test operation failed to decode path: operation missing path field: missing value");
        var (container, key) = FindContainer(root, path);
        if (container is null)
        {
            throw Invalid($"test operation does not apply: is missing path: {path}: missing value");
        }

        var error = Get(container, key, out var actual);
        if (error is not null)
        {
            throw Invalid($"error in test for path: '{path}': {error}");
        }

        var expected = op["value"];
        var passed = actual is null ? expected is null : expected is not null && JsonValues.Equal(actual, expected);
        if (!passed)
        {
            throw Invalid($"testing value {path} failed: test failed");
        }
    }

    // Walks every segment but the last; returns the node holding the last segment and that segment,
    // decoded. Mirrors evanphx's findObject: a path without segments, or through a missing, null or
    // scalar value, has no container.
    private static (JsonNode? Container, string Key) FindContainer(JsonArray root, string path)
    {
        var segments = path.Split('/');
        if (segments.Length < 2)
        {
            return (null, "");
        }

        JsonNode? current = root[0];
        for (var i = 1; i < segments.Length - 1; i++)
        {
            if (Get(current!, DecodeSegment(segments[i]), out var next) is not null || next is not (JsonObject or JsonArray))
            {
                return (null, "");
            }

            current = next;
        }

        return (current, DecodeSegment(segments[^1]));
    }

    private static string DecodeSegment(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    // Returns an error message, or null with the value (null when an object member is missing).
    private static string? Get(JsonNode container, string key, out JsonNode? value)
    {
        value = null;
        if (container is JsonObject obj)
        {
            obj.TryGetPropertyValue(key, out value);
            return null;
        }

        var array = (JsonArray)container;
        var error = ParseIndex(key, out var index);
        if (error is not null)
        {
            return error;
        }

        if (index < 0)
        {
            if (index < -array.Count)
            {
                return InvalidIndex(index);
            }

            index += array.Count;
        }

        if (index >= array.Count)
        {
            return InvalidIndex(index);
        }

        value = array[index];
        return null;
    }

    private static string? Set(JsonNode container, string key, JsonNode? value)
    {
        if (container is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }

        var array = (JsonArray)container;
        var error = ParseIndex(key, out var index);
        if (error is not null)
        {
            return error;
        }

        if (index < 0)
        {
            if (index < -array.Count)
            {
                return InvalidIndex(index);
            }

            index += array.Count;
        }

        array[index] = value;
        return null;
    }

    private static string? AddTo(JsonNode container, string key, JsonNode? value)
    {
        if (container is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }

        var array = (JsonArray)container;
        if (key == "-")
        {
            array.Add(value);
            return null;
        }

        var error = ParseIndex(key, out var index);
        if (error is not null)
        {
            return $"value was not a proper array index: '{key}': {error}";
        }

        var size = array.Count + 1;
        if (index >= size)
        {
            return InvalidIndex(index);
        }

        if (index < 0)
        {
            if (index < -size)
            {
                return InvalidIndex(index);
            }

            index += size;
        }

        array.Insert(index, value);
        return null;
    }

    private static string? RemoveFrom(JsonNode container, string key)
    {
        if (container is JsonObject obj)
        {
            return obj.Remove(key) ? null : $"Unable to remove nonexistent key: {key}: missing value";
        }

        var array = (JsonArray)container;
        var error = ParseIndex(key, out var index);
        if (error is not null)
        {
            return error;
        }

        if (index >= array.Count)
        {
            return InvalidIndex(index);
        }

        if (index < 0)
        {
            if (index < -array.Count)
            {
                return InvalidIndex(index);
            }

            index += array.Count;
        }

        array.RemoveAt(index);
        return null;
    }

    // Go's strconv.Atoi: optional sign, decimal digits, no spaces.
    private static string? ParseIndex(string key, out int index)
    {
        if (int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index))
        {
            return null;
        }

        var digits = key.TrimStart('+', '-');
        var range = digits.Length > 0 && digits.All(char.IsAsciiDigit);
        return $"strconv.Atoi: parsing \"{key}\": {(range ? "value out of range" : "invalid syntax")}";
    }

    private static string InvalidIndex(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"Unable to access invalid index: {index}: invalid index referenced");

    private static string? ReadString(JsonObject op, string name) =>
        op[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonNode? Value(JsonObject op) => JsonValues.Clone(op["value"]);

    private static string GoJsonKind(JsonNode? node) => JsonValues.Kind(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "null",
    };

    private static PatchException Invalid(string message) => new(PatchErrorReason.Invalid, message);
}
