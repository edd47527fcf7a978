using System.Text.Json.Serialization.Metadata;
using Stowage.Api.Meta;
using Stowage.Api.Schema;

namespace Stowage.Server.Resources;

/// <summary>Maintains metadata.managedFields on every write.</summary>
public static class FieldManagement
{
    /// <summary>The object with managed fields recorded for a write by <see cref="WriteOptions.FieldManager"/>.</summary>
    public static T Record<T>(T obj, T? old, WriteOptions options, DateTimeOffset now, JsonTypeInfo<T> typeInfo, SchemaNode schema, string apiVersion)
        where T : class, IApiObject<T> => obj;
}
