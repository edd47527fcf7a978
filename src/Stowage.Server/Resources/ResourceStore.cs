using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Meta;
using Stowage.Api.Schema;
using Stowage.Api.Validation;
using Stowage.Server.Errors;
using Stowage.Server.Printing;
using Stowage.Storage;

namespace Stowage.Server.Resources;

/// <summary>
/// The generic half of every resource (Kubernetes' generic registry store): metadata stamping,
/// preconditions, optimistic concurrency, finalizers, dry runs, lists, watches — over the
/// byte-and-revision datastore. Kind-specific behaviour comes from the <see cref="ResourceStrategy{T}"/>.
/// </summary>
/// <remarks>
/// Every write is a read-modify-compare-and-swap on the key's mod revision. A write whose bytes equal
/// the stored bytes is not written (a no-op keeps its resourceVersion, which kubectl relies on to
/// print "unchanged"). When the client named a resourceVersion, a mismatch is a 409; otherwise a lost
/// race is retried against the new state.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
public sealed class ResourceStore<T> : IResourceStore, IAdmissionAware
    where T : class, IApiObject<T>
{
    private const int MaxRetries = 16;
    private readonly IStore _store;
    private readonly ResourceStrategy<T> _strategy;
    private readonly ObjectCodec<T> _codec;
    private readonly StorageKeys _keys;
    private readonly TimeProvider _clock;
    private readonly Lazy<SchemaNode> _schema;
    private readonly Lazy<TableWriter<T>> _tables;
    private readonly RecentDecodings<T> _recent;
    private readonly Func<KeyValue, IApiObject> _decodeRecent;
    private readonly CreateFieldsCache _creates = new();

    /// <summary>Creates the store of one resource.</summary>
    public ResourceStore(IStore store, ResourceStrategy<T> strategy, ObjectCodec<T> codec, StorageKeys keys, string resource, string group, TimeProvider clock)
    {
        _store = store;
        _strategy = strategy;
        _codec = codec;
        _keys = keys;
        _clock = clock;
        Resource = resource;
        Group = group;
        _schema = new(() => ApiSchemas.Default.For(typeof(T)));
        _tables = new(() => new TableWriter<T>(strategy.Printer));
        _recent = new RecentDecodings<T>(codec);
        _decodeRecent = kv => _recent.Decode(kv);
    }

    /// <summary>The catalog, for admission lookups; set once when the catalog is built.</summary>
    public ResourceCatalog? Catalog { get; set; }

    /// <inheritdoc/>
    public string Kind => _codec.Kind;

    /// <inheritdoc/>
    public string ApiVersion => _codec.ApiVersion;

    /// <inheritdoc/>
    public string Resource { get; }

    /// <inheritdoc/>
    public string Group { get; }

    /// <inheritdoc/>
    public bool Namespaced => _keys.Namespaced;

    /// <inheritdoc/>
    public bool HasStatus => _strategy.HasStatus;

    /// <inheritdoc/>
    public Type ObjectType => typeof(T);

    /// <summary>The strategy.</summary>
    public ResourceStrategy<T> Strategy => _strategy;

    // ---- typed API (in-process callers) ----

    /// <summary>Reads one object, or null.</summary>
    public async Task<T?> TryGetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var kv = await _store.GetAsync(_keys.Key(ns, name), cancellationToken).ConfigureAwait(false);
        return kv is null ? null : _codec.Decode(kv);
    }

    /// <summary>Lists every object (of a namespace, or all), unfiltered.</summary>
    public async Task<(IReadOnlyList<T> Items, long Revision)> ListAllAsync(string? ns, CancellationToken cancellationToken)
    {
        var range = await _store.RangeAsync(_keys.Prefix(ns), RangeOptions.All, cancellationToken).ConfigureAwait(false);
        return (range.Items.Select(_codec.Decode).ToList(), range.Revision);
    }

    /// <summary>Creates an object.</summary>
    public async Task<T> CreateAsync(string? ns, T obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var (created, stored) = await CreateCoreAsync(ns, obj, options, cancellationToken).ConfigureAwait(false);
        return stored is null ? created : _codec.Decode(stored);
    }

    /// <summary>
    /// Creates an object; the answer is the object as written with its resourceVersion (equal to decoding the
    /// stored pair, which comes with it) or, for a dry run, the object that would be written.
    /// </summary>
    private async Task<(T Object, KeyValue? Stored)> CreateCoreAsync(string? ns, T obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var now = Now();
        var meta = obj.Metadata;
        if (_keys.Namespaced)
        {
            if (string.IsNullOrEmpty(ns))
            {
                ns = meta.Namespace;
            }
            if (!string.IsNullOrEmpty(meta.Namespace) && meta.Namespace != ns)
            {
                throw new ApiException(StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
            }
            meta = meta with { Namespace = ns };
        }
        else
        {
            meta = meta with { Namespace = null };
        }
        if (!string.IsNullOrEmpty(meta.ResourceVersion))
        {
            throw new ApiException(StatusErrors.BadRequest("resourceVersion should not be set on objects to be created"));
        }
        if (string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName))
        {
            meta = meta with { Name = GenerateName(meta.GenerateName) };
        }
        meta = meta with
        {
            Uid = Guid.NewGuid().ToString(),
            CreationTimestamp = now,
            DeletionTimestamp = null,
            DeletionGracePeriodSeconds = null,
            SelfLink = null,
            Generation = _strategy.TracksGeneration ? 1 : null,
        };
        obj = obj.WithType(ApiVersion, Kind).WithMetadata(meta);
        obj = _strategy.Default(obj);
        obj = _strategy.PrepareForCreate(obj, now);
        if (Catalog is not null && _keys.Namespaced)
        {
            await Catalog.EnsureNamespaceAcceptsAsync(ns, cancellationToken).ConfigureAwait(false);
        }
        obj = await _strategy.AdmitAsync(new AdmissionRequest<T>(AdmissionOperation.Create, obj, null, options.Subresource, Catalog!), cancellationToken).ConfigureAwait(false);
        obj = WithManagedFields(obj, null, options, now);
        // Admission's finalizers (StorageObjectInUseProtection) come after the field manager, as in
        // kube-apiserver: the creator does not own them.
        var finalizers = _strategy.DefaultFinalizers(obj);
        if (finalizers.Count > 0)
        {
            obj = obj.WithMetadata(obj.Metadata with { Finalizers = Union(obj.Metadata.Finalizers, finalizers) });
        }
        ThrowIfInvalid(obj, _strategy.Validate(obj));
        var name = obj.Metadata.Name!;
        if (options.DryRun)
        {
            if (await _store.GetAsync(_keys.Key(ns, name), cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new ApiException(StatusErrors.AlreadyExists(Resource, Group, name));
            }
            return (obj, null);
        }
        var result = await _store.CreateAsync(_keys.Key(ns, name), _codec.Encode(obj), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            WriteOutcome.Ok => (WithRevision(obj, result.Current!.ModRevision), result.Current),
            WriteOutcome.AlreadyExists => throw new ApiException(StatusErrors.AlreadyExists(Resource, Group, name)),
            _ => throw new ApiException(StatusErrors.Internal($"unexpected storage outcome {result.Outcome}")),
        };
    }

    /// <summary>
    /// Reads, changes and writes one object until the write wins (or a precondition fails). The
    /// mutation sees the current object; returning the same bytes makes the call a no-op.
    /// </summary>
    public async Task<T> UpdateAsync(string? ns, string name, Func<T, T> mutate, WriteOptions options, CancellationToken cancellationToken)
    {
        var (updated, stored) = await UpdateCoreAsync(ns, name, mutate, options, cancellationToken).ConfigureAwait(false);
        return stored is null ? updated : _codec.Decode(stored);
    }

    /// <summary>As <see cref="UpdateAsync(string?, string, Func{T, T}, WriteOptions, CancellationToken)"/>, with the stored pair of the answer when it is stored as is.</summary>
    private async Task<(T Object, KeyValue? Stored)> UpdateCoreAsync(string? ns, string name, Func<T, T> mutate, WriteOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (current, kv) = await GetCurrentAsync(ns, name, cancellationToken).ConfigureAwait(false);
            var desired = mutate(current);
            var conditional = !string.IsNullOrEmpty(desired.Metadata.ResourceVersion);
            if (conditional && desired.Metadata.ResourceVersion != current.Metadata.ResourceVersion)
            {
                throw new ApiException(StatusErrors.Conflict(Resource, Group, name));
            }
            var (outcome, written, stored) = await WriteUpdateAsync(ns, name, current, kv, desired, options, cancellationToken).ConfigureAwait(false);
            if (outcome != WriteOutcome.Conflict)
            {
                return (written!, stored);
            }
            if (conditional)
            {
                throw new ApiException(StatusErrors.Conflict(Resource, Group, name));
            }
            if (attempt >= MaxRetries)
            {
                throw new ApiException(StatusErrors.Conflict(Resource, Group, name, "too many concurrent writers; please retry"));
            }
        }
    }

    /// <summary>Deletes an object, honouring finalizers and preconditions.</summary>
    public async Task<DeleteResult> DeleteTypedAsync(string? ns, string name, DeleteOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var (current, kv) = await GetCurrentAsync(ns, name, cancellationToken).ConfigureAwait(false);
            CheckPreconditions(current, options.Preconditions);
            await _strategy.BeforeDeleteAsync(current, Catalog!, cancellationToken).ConfigureAwait(false);
            var grace = _strategy.GracePeriodSeconds(current, options);
            if (grace > 0)
            {
                // Graceful deletion: the object stays, marked, until its grace period is used (a pod's
                // agent stops its containers, then deletes it again with grace 0); a shorter grace
                // period shortens the mark, a longer one changes nothing.
                if (current.Metadata.DeletionTimestamp is not null && current.Metadata.DeletionGracePeriodSeconds is { } existing && existing <= grace)
                {
                    return new DeleteResult(current, false);
                }
                var graceful = _strategy.MarkDeleting(current.WithMetadata(current.Metadata with
                {
                    DeletionTimestamp = Now().AddSeconds(grace),
                    DeletionGracePeriodSeconds = grace,
                    Generation = current.Metadata.Generation is { } g ? g + 1 : null,
                }));
                if (dryRun)
                {
                    return new DeleteResult(graceful, false);
                }
                var marked = await _store.UpdateAsync(kv.Key, _codec.Encode(graceful), kv.ModRevision, cancellationToken).ConfigureAwait(false);
                if (marked.Outcome == WriteOutcome.Ok)
                {
                    return new DeleteResult(_codec.Decode(marked.Current!), false);
                }
                continue;
            }
            // Cascading deletion: the orphan / foregroundDeletion finalizers this request asks for.
            var (gcChanged, gcFinalizers) = GarbageCollectionFinalizers.For(current.Metadata, options, _strategy.DefaultGarbageCollectionPolicy);
            var candidate = gcChanged ? current.WithMetadata(current.Metadata with { Finalizers = gcFinalizers }) : current;
            if (HasFinalizers(candidate))
            {
                if (current.Metadata.DeletionTimestamp is not null && !gcChanged)
                {
                    return new DeleteResult(current, false);
                }
                var marked = current.Metadata.DeletionTimestamp is not null ? candidate : _strategy.MarkDeleting(candidate.WithMetadata(candidate.Metadata with
                {
                    DeletionTimestamp = Now(),
                    DeletionGracePeriodSeconds = 0,
                }));
                if (dryRun)
                {
                    return new DeleteResult(marked, false);
                }
                var update = await _store.UpdateAsync(kv.Key, _codec.Encode(marked), kv.ModRevision, cancellationToken).ConfigureAwait(false);
                if (update.Outcome == WriteOutcome.Ok)
                {
                    return new DeleteResult(_codec.Decode(update.Current!), false);
                }
                continue;
            }
            if (dryRun)
            {
                return new DeleteResult(current, true);
            }
            var result = await _store.DeleteAsync(kv.Key, kv.ModRevision, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case WriteOutcome.Ok:
                    return new DeleteResult(current, true);
                case WriteOutcome.NotFound:
                    throw new ApiException(StatusErrors.NotFound(Resource, Group, name));
            }
        }
        throw new ApiException(StatusErrors.Conflict(Resource, Group, name, "too many concurrent writers; please retry"));
    }

    // ---- IResourceStore (HTTP) ----

    /// <inheritdoc/>
    public async Task<StoredObject> GetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var kv = await _store.GetAsync(_keys.Key(ns, name), cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound(Resource, Group, name));
        return new StoredObject(kv, _codec.Decode);
    }

    /// <inheritdoc/>
    public async Task<ListPage> ListAsync(string? ns, ListOptions options, CancellationToken cancellationToken)
    {
        long revision = 0;
        string? startAfter = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            var token = ContinueToken.TryDecode(options.Continue)
                ?? throw new ApiException(StatusErrors.BadRequest("continue key is not valid: malformed token"));
            revision = token.Revision;
            startAfter = _keys.Prefix(ns) + token.StartAfterKey;
        }
        var prefix = _keys.Prefix(ns);
        var items = new List<IApiObject>();
        var pairs = new List<KeyValue>();
        IReadOnlyList<IApiObject> page = items;
        IReadOnlyList<KeyValue> stored = pairs;
        var limit = options.Limit;
        string? lastKey = null;
        var more = false;
        long remaining = 0;
        try
        {
            while (true)
            {
                var batch = limit > 0 ? Math.Max(limit - items.Count, 1) : 0;
                var range = await _store.RangeAsync(prefix, new RangeOptions(batch, startAfter, revision), cancellationToken).ConfigureAwait(false);
                revision = range.Revision;
                if (options.LabelSelector is null && options.FieldSelector is null)
                {
                    // Every pair matches, so this one range is the page; its objects are decoded as they are written.
                    page = new DecodingList<T>(range.Items, _codec.Decode);
                    stored = range.Items;
                    lastKey = range.Items.Count > 0 ? range.Items[^1].Key : null;
                    more = range.More;
                    remaining = range.RemainingCount;
                    break;
                }
                foreach (var kv in range.Items)
                {
                    lastKey = kv.Key;
                    var obj = _codec.Decode(kv);
                    if (Matches(obj, options))
                    {
                        items.Add(obj);
                        pairs.Add(kv);
                    }
                }
                more = range.More;
                remaining = range.RemainingCount;
                if (!range.More || limit == 0 || items.Count >= limit)
                {
                    break;
                }
                startAfter = lastKey;
            }
        }
        catch (CompactedException)
        {
            throw new ApiException(StatusErrors.Gone(
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."));
        }
        string? next = more && lastKey is not null ? new ContinueToken(revision, lastKey[prefix.Length..]).Encode() : null;
        long? remainingCount = more && options.LabelSelector is null && options.FieldSelector is null ? remaining : null;
        return new ListPage(page, revision, next, remainingCount, stored);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectEvent> WatchAsync(string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after;
        if (string.IsNullOrEmpty(options.ResourceVersion) || options.ResourceVersion == "0")
        {
            // Kubernetes' semantics: start with synthetic ADDED events for the current state.
            var range = await _store.RangeAsync(_keys.Prefix(ns), RangeOptions.All, cancellationToken).ConfigureAwait(false);
            foreach (var kv in range.Items)
            {
                var obj = _codec.Decode(kv);
                if (Matches(obj, options))
                {
                    yield return new ObjectEvent(ObjectEventType.Added, obj, kv.ModRevision, kv);
                }
            }
            after = range.Revision;
        }
        else if (!long.TryParse(options.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new ApiException(StatusErrors.BadRequest($"invalid resource version: {options.ResourceVersion}"));
        }

        await foreach (var change in _store.WatchAsync(_keys.Prefix(ns), after, cancellationToken).ConfigureAwait(false))
        {
            var mapped = Map(change, options);
            if (mapped is not null)
            {
                yield return mapped;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<StoredObject> CreateAsync(string? ns, byte[] json, WriteOptions options, CancellationToken cancellationToken) =>
        Answer(await CreateCoreAsync(ns, Read(json), options, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<StoredObject> UpdateAsync(string? ns, string name, byte[] json, WriteOptions options, CancellationToken cancellationToken)
    {
        var incoming = Read(json);
        CheckIdentity(ns, name, incoming.Metadata);
        return Answer(await UpdateCoreAsync(ns, name, _ => incoming, options, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<(StoredObject Object, bool Created)> PatchAsync(string? ns, string name, PatchRequest patch, WriteOptions options, CancellationToken cancellationToken)
    {
        if (patch.Type == PatchType.Apply)
        {
            options = options with { IsApply = true };
            var existing = await TryGetAsync(ns, name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                var applied = PatchApplier.ApplyToNew(patch, _schema.Value, options, Now());
                var created = Read(applied);
                CheckIdentity(ns, name, created.Metadata);
                return (Answer(await CreateCoreAsync(ns, created.WithMetadata(created.Metadata with { Name = name }), options, cancellationToken).ConfigureAwait(false)), true);
            }
        }
        var updated = await UpdateCoreAsync(ns, name, current =>
        {
            var currentJson = (JsonObject)JsonSerializer.SerializeToNode(current, _codec.TypeInfo)!;
            var patched = PatchApplier.Apply(currentJson, patch, _schema.Value, options, Now());
            var result = Read(patched);
            CheckIdentity(ns, name, result.Metadata);
            // A patch that does not mention resourceVersion is unconditional: it applies to whatever is current.
            var patchNamesVersion = patch.Body is JsonObject o && o["metadata"] is JsonObject m && m.ContainsKey("resourceVersion");
            return patchNamesVersion ? result : result.WithMetadata(result.Metadata with { ResourceVersion = null });
        }, options, cancellationToken).ConfigureAwait(false);
        return (Answer(updated), false);
    }

    /// <inheritdoc/>
    public async Task<DeleteResult> DeleteAsync(string? ns, string name, DeleteOptions options, bool dryRun, CancellationToken cancellationToken) =>
        await DeleteTypedAsync(ns, name, options, dryRun, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<ListPage> DeleteCollectionAsync(string? ns, ListOptions options, DeleteOptions deleteOptions, bool dryRun, CancellationToken cancellationToken)
    {
        var page = await ListAsync(ns, options with { Limit = 0, Continue = null }, cancellationToken).ConfigureAwait(false);
        var deleted = new List<IApiObject>();
        foreach (var item in page.Items)
        {
            try
            {
                var result = await DeleteTypedAsync(item.Metadata.Namespace, item.Metadata.Name!, deleteOptions, dryRun, cancellationToken).ConfigureAwait(false);
                deleted.Add(result.Object);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: that is what was asked.
            }
        }
        return page with { Items = deleted, Continue = null, RemainingItemCount = null, Stored = null };
    }

    /// <inheritdoc/>
    public byte[] Serialize(IApiObject obj) => _codec.Serialize((T)obj);

    /// <inheritdoc/>
    public byte[] Serialize(StoredObject obj) =>
        obj.Stored is { } kv ? _codec.SerializeStored(kv.Value, kv.ModRevision) : _codec.Serialize((T)obj.Object);

    /// <inheritdoc/>
    public void WriteStored(System.Buffers.IBufferWriter<byte> output, KeyValue stored) => _codec.WriteStored(output, stored.Value, stored.ModRevision);

    /// <inheritdoc/>
    public void Serialize(Utf8JsonWriter writer, IApiObject obj) => _codec.Serialize(writer, (T)obj);

    /// <inheritdoc/>
    public void WriteTable(Utf8JsonWriter writer, IEnumerable<IApiObject> items, ListMeta metadata, DateTimeOffset now, IncludeObjectPolicy include, bool includeColumnDefinitions) =>
        _tables.Value.Write(writer, items.Select(i => new TableItem<T>((T)i, include == IncludeObjectPolicy.Object ? _codec.Serialize((T)i) : default)),
            new TableOptions { Metadata = metadata, Now = now, IncludeObject = include, IncludeColumnDefinitions = includeColumnDefinitions });

    /// <inheritdoc/>
    public Task WriteTableAsync(Stream stream, IEnumerable<IApiObject> items, ListMeta metadata, DateTimeOffset now, IncludeObjectPolicy include, bool includeColumnDefinitions, CancellationToken cancellationToken) =>
        _tables.Value.WriteAsync(stream, items.Select(i => new TableItem<T>((T)i, include == IncludeObjectPolicy.Object ? _codec.Serialize((T)i) : default)),
            new TableOptions { Metadata = metadata, Now = now, IncludeObject = include, IncludeColumnDefinitions = includeColumnDefinitions }, cancellationToken);

    /// <inheritdoc/>
    public string? GetField(IApiObject obj, string field) => field switch
    {
        "metadata.name" => obj.Metadata.Name,
        "metadata.namespace" => obj.Metadata.Namespace ?? "",
        _ => _strategy.SelectableFields.TryGetValue(field, out var get) ? get((T)obj) : null,
    };

    /// <inheritdoc/>
    public bool IsSelectableField(string field) =>
        field == "metadata.name" || (field == "metadata.namespace") || _strategy.SelectableFields.ContainsKey(field);

    // ---- internals ----

    private DateTimeOffset Now() => TimeJsonTruncate(_clock.GetUtcNow());

    private static DateTimeOffset TimeJsonTruncate(DateTimeOffset t) => TimeJsonConverter.Truncate(t);

    private async Task<(T Object, KeyValue Kv)> GetCurrentAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var kv = await _store.GetAsync(_keys.Key(ns, name), cancellationToken).ConfigureAwait(false)
            ?? throw new ApiException(StatusErrors.NotFound(Resource, Group, name));
        return (_recent.Decode(kv), kv);
    }

    private async Task<(WriteOutcome Outcome, T? Written, KeyValue? Stored)> WriteUpdateAsync(string? ns, string name, T current, KeyValue kv, T desired, WriteOptions options, CancellationToken cancellationToken)
    {
        var now = Now();
        var old = current.Metadata;
        // Identity and lifecycle fields belong to the server.
        var meta = desired.Metadata with
        {
            Name = old.Name,
            Namespace = old.Namespace,
            Uid = old.Uid,
            CreationTimestamp = old.CreationTimestamp,
            DeletionTimestamp = old.DeletionTimestamp ?? desired.Metadata.DeletionTimestamp,
            DeletionGracePeriodSeconds = old.DeletionGracePeriodSeconds ?? desired.Metadata.DeletionGracePeriodSeconds,
            ResourceVersion = old.ResourceVersion,
            Generation = old.Generation,
            SelfLink = null,
        };
        if (old.DeletionTimestamp is not null && NewFinalizers(old.Finalizers, meta.Finalizers))
        {
            throw new ApiException(StatusErrors.Invalid(Kind, Group, name,
                [new FieldError(FieldErrorType.Forbidden, "metadata.finalizers", null, "no new finalizers can be added if the object is being deleted")]));
        }
        var obj = desired.WithType(ApiVersion, Kind).WithMetadata(meta);
        obj = _strategy.Default(obj);
        IReadOnlyList<FieldError> errors;
        if (options.Subresource == "status")
        {
            obj = _strategy.PrepareForStatusUpdate(obj, current, now);
            obj = await _strategy.AdmitAsync(new AdmissionRequest<T>(AdmissionOperation.Update, obj, current, "status", Catalog!), cancellationToken).ConfigureAwait(false);
            errors = _strategy.ValidateStatusUpdate(obj, current);
        }
        else
        {
            obj = options.Subresource is { } sub
                ? _strategy.PrepareForSubresourceUpdate(sub, obj, current, now)
                : _strategy.PrepareForUpdate(obj, current, now);
            obj = await _strategy.AdmitAsync(new AdmissionRequest<T>(AdmissionOperation.Update, obj, current, null, Catalog!), cancellationToken).ConfigureAwait(false);
            errors = options.Subresource is { } subresource
                ? _strategy.ValidateSubresourceUpdate(subresource, obj, current)
                : _strategy.ValidateUpdate(obj, current);
        }
        if (_strategy.TracksGeneration && _strategy.SpecChanged(obj, current))
        {
            obj = obj.WithMetadata(obj.Metadata with { Generation = (old.Generation ?? 0) + 1 });
        }
        ThrowIfInvalid(obj, errors);

        // A write that changes nothing is not written (the resourceVersion stays). Managed-field bookkeeping
        // alone (timestamps) does not count as a change, except for apply, where a change of ownership is
        // the point. The stored bytes are the codec's encoding of the current object (see ObjectCodec), so
        // they stand for it in both the comparison and the managed-field computation.
        var stored = _codec.ServesStoredBytes ? kv.Value : _codec.Encode(current);
        byte[] bytes;
        if (options.IsApply)
        {
            bytes = _codec.Encode(obj);
            if (bytes.AsSpan().SequenceEqual(stored.Span))
            {
                return (WriteOutcome.Ok, current, kv);
            }
        }
        else
        {
            var baseline = _codec.Encode(obj.WithMetadata(obj.Metadata with { ManagedFields = current.Metadata.ManagedFields }));
            if (baseline.AsSpan().SequenceEqual(stored.Span))
            {
                return (WriteOutcome.Ok, current, kv);
            }
            obj = FieldManagement.RecordUpdate(obj, current, stored, baseline, options, now, _schema.Value, ApiVersion);
            bytes = _codec.Encode(obj);
        }
        if (options.DryRun)
        {
            return (WriteOutcome.Ok, obj, null);
        }
        if (obj.Metadata.DeletionTimestamp is not null && !HasFinalizers(obj))
        {
            var deleted = await _store.DeleteAsync(kv.Key, kv.ModRevision, cancellationToken).ConfigureAwait(false);
            return deleted.Outcome switch
            {
                WriteOutcome.Ok => (WriteOutcome.Ok, obj, null),
                WriteOutcome.NotFound => throw new ApiException(StatusErrors.NotFound(Resource, Group, name)),
                _ => (WriteOutcome.Conflict, null, null),
            };
        }
        var result = await _store.UpdateAsync(kv.Key, bytes, kv.ModRevision, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            WriteOutcome.Ok => (WriteOutcome.Ok, WithRevision(obj, result.Current!.ModRevision), result.Current),
            WriteOutcome.NotFound => throw new ApiException(StatusErrors.NotFound(Resource, Group, name)),
            _ => (WriteOutcome.Conflict, null, null),
        };
    }

    private static T WithRevision(T obj, long revision) =>
        obj.WithMetadata(obj.Metadata with { ResourceVersion = revision.ToString(CultureInfo.InvariantCulture) });

    private static StoredObject Answer((T Object, KeyValue? Stored) written) =>
        written.Stored is { } kv ? new StoredObject(written.Object, kv) : new StoredObject(written.Object);

    private T WithManagedFields(T obj, T? old, WriteOptions options, DateTimeOffset now) =>
        FieldManagement.Record(obj, old, options, now, _codec.TypeInfo, _schema.Value, ApiVersion, _creates);

    private bool HasFinalizers(T obj) => obj.Metadata.Finalizers is { Count: > 0 } || _strategy.HasKindFinalizers(obj);

    private static bool NewFinalizers(IReadOnlyList<string>? old, IReadOnlyList<string>? now) =>
        now is not null && now.Any(f => old is null || !old.Contains(f));

    private static IReadOnlyList<string> Union(IReadOnlyList<string>? existing, IReadOnlyList<string> add)
    {
        var list = existing?.ToList() ?? [];
        foreach (var f in add)
        {
            if (!list.Contains(f))
            {
                list.Add(f);
            }
        }
        return list;
    }

    private void CheckPreconditions(T current, Preconditions? preconditions)
    {
        if (preconditions?.Uid is { } uid && uid != current.Metadata.Uid)
        {
            throw new ApiException(StatusErrors.Conflict(Resource, Group, current.Metadata.Name!,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Metadata.Uid}"));
        }
        if (preconditions?.ResourceVersion is { } rv && rv != current.Metadata.ResourceVersion)
        {
            throw new ApiException(StatusErrors.Conflict(Resource, Group, current.Metadata.Name!,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.Metadata.ResourceVersion}"));
        }
    }

    private void CheckIdentity(string? ns, string name, ObjectMeta meta)
    {
        if (!string.IsNullOrEmpty(meta.Name) && meta.Name != name)
        {
            throw new ApiException(StatusErrors.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({name})"));
        }
        if (_keys.Namespaced && !string.IsNullOrEmpty(meta.Namespace) && meta.Namespace != ns)
        {
            throw new ApiException(StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
        }
    }

    private void ThrowIfInvalid(T obj, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ApiException(StatusErrors.Invalid(Kind, Group, obj.Metadata.Name ?? obj.Metadata.GenerateName ?? "", errors));
        }
    }

    /// <summary>
    /// Decodes a JSON object body straight from its bytes. A body that does not decode takes the tree's way,
    /// which reports a wrong apiVersion or kind first and the decoding error with its field path.
    /// </summary>
    private T Read(byte[] json)
    {
        T? obj;
        try
        {
            obj = JsonSerializer.Deserialize(json, _codec.TypeInfo);
        }
        catch (JsonException)
        {
            return Read(JsonNode.Parse(json)!);
        }
        if (obj is null)
        {
            throw new ApiException(StatusErrors.BadRequest("the body of the request is null"));
        }
        CheckTypeMeta(obj.ApiVersion, obj.Kind);
        return obj;
    }

    private T Read(JsonNode body)
    {
        if (body is JsonObject o)
        {
            CheckTypeMeta(o);
        }
        try
        {
            return body.Deserialize(_codec.TypeInfo) ?? throw new ApiException(StatusErrors.BadRequest("the body of the request is null"));
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path.TrimStart('$', '.')})";
            throw new ApiException(StatusErrors.BadRequest($"{Kind} in version \"{VersionOf(ApiVersion)}\" cannot be handled as a {Kind}: {e.Message}{where}"));
        }
    }

    private void CheckTypeMeta(JsonObject body) =>
        CheckTypeMeta(
            body["apiVersion"]?.GetValueKind() == JsonValueKind.String ? body["apiVersion"]!.GetValue<string>() : null,
            body["kind"]?.GetValueKind() == JsonValueKind.String ? body["kind"]!.GetValue<string>() : null);

    private void CheckTypeMeta(string? apiVersion, string? kind)
    {
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != ApiVersion)
        {
            throw new ApiException(StatusErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({ApiVersion})"));
        }
        if (!string.IsNullOrEmpty(kind) && kind != Kind)
        {
            throw new ApiException(StatusErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({Kind})"));
        }
    }

    private static string VersionOf(string apiVersion) => apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;

    private bool Matches(T obj, ListOptions options) =>
        (options.LabelSelector is null || options.LabelSelector.Matches(obj.Metadata.Labels))
        && (options.FieldSelector is null || options.FieldSelector.Matches(field => GetField(obj, field)));

    private ObjectEvent? Map(WatchEvent change, ListOptions options)
    {
        // Every watcher of the kind maps the same event: decode it once for all of them. The served JSON is
        // made from change.Kv (for a delete: the last value at the delete's revision), never re-encoded.
        var filtered = options.LabelSelector is not null || options.FieldSelector is not null;
        if (!filtered)
        {
            // Nothing to match: the object is decoded only if the watcher asks for it (a Table watch).
            var type = change.Type switch
            {
                WatchEventType.Delete => ObjectEventType.Deleted,
                WatchEventType.Create => ObjectEventType.Added,
                _ => change.PrevKv is null ? ObjectEventType.Added : ObjectEventType.Modified,
            };
            return new ObjectEvent(type, change.Revision, change.Kv, _decodeRecent);
        }
        if (change.Type == WatchEventType.Delete)
        {
            var last = _recent.Decode(change.Kv);
            return Matches(last, options) ? new ObjectEvent(ObjectEventType.Deleted, last, change.Revision, change.Kv) : null;
        }
        var obj = _recent.Decode(change.Kv);
        var now = Matches(obj, options);
        if (change.Type == WatchEventType.Create || change.PrevKv is null)
        {
            return now ? new ObjectEvent(ObjectEventType.Added, obj, change.Revision, change.Kv) : null;
        }
        var before = !filtered || Matches(_recent.Decode(change.PrevKv), options);
        return (before, now) switch
        {
            (true, true) => new ObjectEvent(ObjectEventType.Modified, obj, change.Revision, change.Kv),
            (false, true) => new ObjectEvent(ObjectEventType.Added, obj, change.Revision, change.Kv),
            (true, false) => new ObjectEvent(ObjectEventType.Deleted, obj, change.Revision, change.Kv),
            _ => null,
        };
    }

    private static string GenerateName(string prefix)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        var head = prefix.Length > 58 ? prefix[..58] : prefix;
        return head + new string(suffix);
    }
}
