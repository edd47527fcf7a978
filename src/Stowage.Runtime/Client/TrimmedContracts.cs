using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Meta;

namespace Stowage.Runtime.Client;

/// <summary>
/// JSON contracts that read objects without <c>metadata.managedFields</c>: the value is skipped, not decoded, and
/// the object reads as if the server had left it out. kube-controller-manager and kube-scheduler trim their
/// informers the same way: controllers never look at field ownership, and the entries are most of an object's
/// metadata, to decode on every event and to keep in every cache.
/// </summary>
/// <remarks>
/// An object read this way and written back (a PUT) carries no managedFields, which leaves the stored entries
/// as they are. Only reads use these contracts.
/// </remarks>
internal static class TrimmedContracts
{
    private static readonly JsonSerializerOptions Options = new(ApiJsonContext.Default.Options)
    {
        TypeInfoResolver = ApiJsonContext.Default.WithAddedModifier(SkipManagedFields),
    };

    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> Contracts = new();

    /// <summary>The contract of <typeparamref name="TValue"/> (an object or a list) that skips managed fields.</summary>
    public static JsonTypeInfo<TValue> For<TValue>() =>
        (JsonTypeInfo<TValue>)Contracts.GetOrAdd(typeof(TValue), static type => Options.GetTypeInfo(type));

    private static void SkipManagedFields(JsonTypeInfo contract)
    {
        if (contract.Type != typeof(ObjectMeta))
        {
            return;
        }
        foreach (var property in contract.Properties)
        {
            if (property.Name == "managedFields")
            {
                property.CustomConverter = new SkippedValue();
            }
        }
    }

    private sealed class SkippedValue : JsonConverter<IReadOnlyList<ManagedFieldsEntry>>
    {
        public override bool HandleNull => true;

        public override IReadOnlyList<ManagedFieldsEntry>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // The serializer has buffered the whole value before calling a converter, but a reader over a stream's
            // buffer is not its final block, where Skip throws; TrySkip does the same walk.
            if (!reader.TrySkip())
            {
                throw new JsonException("managedFields: incomplete value");
            }
            return null;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<ManagedFieldsEntry> value, JsonSerializerOptions options) =>
            throw new NotSupportedException("trimmed contracts only read");
    }
}
