using Stowage.Api.Schema;

namespace Stowage.Api.Patching;

/// <summary>
/// The fields a write may not own, per endpoint (a strategy's GetResetFields in Kubernetes): the
/// server resets them, so a change to them takes ownership from no one.
/// </summary>
public static class ResetFields
{
    /// <summary>For writes to the main resource: status, which only the status subresource sets.</summary>
    public static FieldSet MainResource { get; } = FieldSet.Of(FieldPath.Fields("status"));

    /// <summary>
    /// For writes to the status subresource: every top-level field of the kind except status and
    /// the object's identity (apiVersion, kind, metadata), e.g. spec.
    /// </summary>
    public static FieldSet StatusSubresource(SchemaNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return FieldSet.Of(schema.Properties.Keys
            .Where(name => name is not ("status" or "apiVersion" or "kind" or "metadata"))
            .Select(name => FieldPath.Fields(name)));
    }
}
