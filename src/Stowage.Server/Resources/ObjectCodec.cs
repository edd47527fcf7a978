using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Stowage.Api.Meta;
using Stowage.Storage;

namespace Stowage.Server.Resources;

/// <summary>
/// Turns typed objects into stored bytes and back. Stored bytes never carry a resourceVersion: it is
/// the key's mod revision, stamped on the way out (as Kubernetes' etcd3 store does), so a value can
/// be written without knowing the revision it will get.
/// </summary>
/// <typeparam name="T">The record type as served.</typeparam>
public class ObjectCodec<T>
    where T : class, IApiObject<T>
{
    /// <summary>Creates a codec over a JSON contract.</summary>
    public ObjectCodec(JsonTypeInfo<T> typeInfo, string apiVersion, string kind)
    {
        TypeInfo = typeInfo;
        ApiVersion = apiVersion;
        Kind = kind;
        // Only this codec's stored bytes are its served bytes minus the resourceVersion; a subclass that
        // stores another form (events.k8s.io/v1 events are stored as core/v1) is decoded and re-encoded.
        ServesStoredBytes = GetType() == typeof(ObjectCodec<T>);
    }

    /// <summary>True when served JSON is the stored JSON with the resourceVersion written in (see <see cref="StoredJson"/>).</summary>
    public bool ServesStoredBytes { get; }

    /// <summary>The served JSON contract.</summary>
    public JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>The served apiVersion.</summary>
    public string ApiVersion { get; }

    /// <summary>The served kind.</summary>
    public string Kind { get; }

    /// <summary>The bytes to store for an object (resourceVersion removed).</summary>
    public virtual byte[] Encode(T obj) =>
        JsonSerializer.SerializeToUtf8Bytes(obj.WithType(ApiVersion, Kind).WithMetadata(obj.Metadata with { ResourceVersion = null }), TypeInfo);

    /// <summary>The object stored in a pair, with its resourceVersion.</summary>
    public virtual T Decode(KeyValue kv)
    {
        var obj = JsonSerializer.Deserialize(kv.Value.Span, TypeInfo) ?? throw new StorageException($"stored value of {kv.Key} is null");
        return obj.WithMetadata(obj.Metadata with { ResourceVersion = kv.ModRevision.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// The served JSON of a stored value at a revision: the same bytes as <see cref="Serialize(T)"/> of its
    /// <see cref="Decode"/>, made without decoding where the codec allows.
    /// </summary>
    public byte[] SerializeStored(ReadOnlyMemory<byte> value, long modRevision) =>
        (ServesStoredBytes ? StoredJson.TrySplice(value.Span, modRevision) : null)
        ?? Serialize(Decode(new KeyValue(string.Empty, value, 0, modRevision)));

    /// <summary>Writes the served JSON of a stored value at a revision (as <see cref="SerializeStored"/>) to a buffer.</summary>
    public void WriteStored(IBufferWriter<byte> output, ReadOnlyMemory<byte> value, long modRevision)
    {
        if (ServesStoredBytes && StoredJson.TryWrite(output, value.Span, modRevision))
        {
            return;
        }

        using var writer = new Utf8JsonWriter(output);
        Serialize(writer, Decode(new KeyValue(string.Empty, value, 0, modRevision)));
    }

    /// <summary>The JSON of an object as served.</summary>
    public byte[] Serialize(T obj) => JsonSerializer.SerializeToUtf8Bytes(obj.WithType(ApiVersion, Kind), TypeInfo);

    /// <summary>Writes the JSON of an object as served (the same bytes as <see cref="Serialize(T)"/>).</summary>
    public void Serialize(Utf8JsonWriter writer, T obj) => JsonSerializer.Serialize(writer, obj.WithType(ApiVersion, Kind), TypeInfo);
}
