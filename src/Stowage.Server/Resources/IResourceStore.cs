using System.Text.Json.Nodes;
using Stowage.Api.Meta;

namespace Stowage.Server.Resources;

/// <summary>
/// The verbs of one resource, untyped, as the HTTP layer calls them. Bodies arrive as JSON trees
/// (already decoded from JSON, YAML or protobuf and checked for unknown fields); results are typed
/// objects that the same store serialises.
/// </summary>
public interface IResourceStore
{
    /// <summary>The kind served.</summary>
    string Kind { get; }

    /// <summary>The apiVersion served.</summary>
    string ApiVersion { get; }

    /// <summary>The plural resource name (for messages).</summary>
    string Resource { get; }

    /// <summary>The API group ("" for core).</summary>
    string Group { get; }

    /// <summary>True for namespaced kinds.</summary>
    bool Namespaced { get; }

    /// <summary>True when the kind has a status subresource.</summary>
    bool HasStatus { get; }

    /// <summary>The root type (for schemas).</summary>
    Type ObjectType { get; }

    /// <summary>Reads one object (decoded only when its <see cref="StoredObject.Object"/> is read).</summary>
    Task<StoredObject> GetAsync(string? ns, string name, CancellationToken cancellationToken);

    /// <summary>Lists objects.</summary>
    Task<ListPage> ListAsync(string? ns, ListOptions options, CancellationToken cancellationToken);

    /// <summary>Streams changes (initial state first when the resourceVersion asks for it).</summary>
    IAsyncEnumerable<ObjectEvent> WatchAsync(string? ns, ListOptions options, CancellationToken cancellationToken);

    /// <summary>Creates an object from a body.</summary>
    Task<StoredObject> CreateAsync(string? ns, byte[] json, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Replaces an object (PUT) from a body.</summary>
    Task<StoredObject> UpdateAsync(string? ns, string name, byte[] json, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Patches an object; the result says whether it was created (server-side apply).</summary>
    Task<(StoredObject Object, bool Created)> PatchAsync(string? ns, string name, PatchRequest patch, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Deletes an object (or marks it for deletion while finalizers remain).</summary>
    Task<DeleteResult> DeleteAsync(string? ns, string name, DeleteOptions options, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Deletes every object matching the selectors.</summary>
    Task<ListPage> DeleteCollectionAsync(string? ns, ListOptions options, DeleteOptions deleteOptions, bool dryRun, CancellationToken cancellationToken);

    /// <summary>The served JSON of an object.</summary>
    byte[] Serialize(IApiObject obj);

    /// <summary>The served JSON of a verb's answer: its stored bytes with the resourceVersion written in where it is stored as is.</summary>
    byte[] Serialize(StoredObject obj);

    /// <summary>The served JSON of a stored pair (resourceVersion = its mod revision), made without decoding where the kind allows.</summary>
    void WriteStored(System.Buffers.IBufferWriter<byte> output, Stowage.Storage.KeyValue stored);

    /// <summary>Writes the served JSON of an object (the same bytes as <see cref="Serialize(IApiObject)"/>) to a writer.</summary>
    void Serialize(System.Text.Json.Utf8JsonWriter writer, IApiObject obj);

    /// <summary>Writes a meta.k8s.io/v1 Table of objects (the whole document).</summary>
    void WriteTable(System.Text.Json.Utf8JsonWriter writer, IEnumerable<IApiObject> items, ListMeta metadata, DateTimeOffset now, Printing.IncludeObjectPolicy include, bool includeColumnDefinitions);

    /// <summary>Writes a whole meta.k8s.io/v1 Table of objects to a stream, a buffer at a time.</summary>
    Task WriteTableAsync(Stream stream, IEnumerable<IApiObject> items, ListMeta metadata, DateTimeOffset now, Printing.IncludeObjectPolicy include, bool includeColumnDefinitions, CancellationToken cancellationToken);

    /// <summary>Reads a selectable field of an object (for field selectors), or null if unknown.</summary>
    string? GetField(IApiObject obj, string field);

    /// <summary>True if the field can be used in a field selector.</summary>
    bool IsSelectableField(string field);
}
