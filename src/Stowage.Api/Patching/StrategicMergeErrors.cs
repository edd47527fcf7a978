using System.Text.Json.Nodes;

namespace Stowage.Api.Patching;

/// <summary>
/// The errors of Kubernetes' strategicpatch and mergepatch packages, with the status reason
/// kube-apiserver gives each (interpretStrategicMergePatchError): format errors are 400, a few are
/// 422, and the rest pass through unconverted as 500 "Unknown".
/// </summary>
internal static class StrategicMergeErrors
{
    public static PatchException BadJsonDocument() =>
        new(PatchErrorReason.BadRequest, "invalid JSON document");

    public static PatchException BadPatchFormatForPrimitiveList() =>
        new(PatchErrorReason.BadRequest, "invalid patch format of primitive list");

    public static PatchException BadPatchFormatForRetainKeys() =>
        new(PatchErrorReason.BadRequest, "invalid patch format of retainKeys");

    public static PatchException BadPatchFormatForSetElementOrderList() =>
        new(PatchErrorReason.BadRequest, "invalid patch format of setElementOrder list");

    public static PatchException NoListOfLists() =>
        new(PatchErrorReason.Invalid, "lists of lists are not supported");

    public static PatchException NoMergeKey(JsonNode? map, string key) =>
        new(PatchErrorReason.Unknown, $"map: {GoFormat.Value(map)} does not contain declared merge key: {key}");

    public static PatchException BadArgType(string expectedGoType, JsonNode? actual) =>
        new(PatchErrorReason.Unknown, $"expected a {expectedGoType}, but received a {GoFormat.TypeName(actual)}");

    public static PatchException BadPatchType(JsonNode? directive, JsonNode? map) =>
        new(PatchErrorReason.Unknown, $"unknown patch type: {GoFormat.Value(directive)} in map: {GoFormat.Value(map)}");

    public static PatchException Other(string message) => new(PatchErrorReason.Unknown, message);
}
