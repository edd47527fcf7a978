using System.Text.Json.Nodes;
using Stowage.Api.Schema;

namespace Stowage.Server.Resources;

/// <summary>Applies a patch of any supported type to an object's JSON.</summary>
public static class PatchApplier
{
    /// <summary>The patched object.</summary>
    public static JsonObject Apply(JsonObject current, PatchRequest patch, SchemaNode schema, WriteOptions options, DateTimeOffset now) =>
        throw new NotImplementedException("patching arrives with the patch module");

    /// <summary>The object a server-side apply creates when none exists.</summary>
    public static JsonObject ApplyToNew(PatchRequest patch, SchemaNode schema, WriteOptions options, DateTimeOffset now) =>
        throw new NotImplementedException("patching arrives with the patch module");
}
