using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Stowage.Api.Meta;
using Stowage.Runtime.Client;

namespace Stowage.Runtime.Informers;

/// <summary>
/// A cache of one resource kept current by list + watch (client-go's shared informer, in small).
/// Handlers only see changes, in the order the server made them; they must be quick (normally: put a
/// key on a work queue). A watch that ends is resumed from the last resourceVersion; a watch that is
/// too old (410) relists and reports the differences as adds, updates and deletes. Objects are read and
/// cached without <c>metadata.managedFields</c>, as kube-controller-manager's informers keep them.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed partial class Informer<T> : IInformer
    where T : class, IApiObject<T>
{
    private readonly ApiClient _client;
    private readonly ResourceType<T> _type;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, T> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, T> _written = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Action<T>> _onAdd = [];
    private readonly List<Action<T, T>> _onUpdate = [];
    private readonly List<Action<T>> _onDelete = [];

    /// <summary>Creates an informer for a kind (all namespaces).</summary>
    public Informer(ApiClient client, ResourceType<T> type, ILogger logger, TimeProvider clock)
    {
        _client = client;
        _type = type.WithoutManagedFields();
        _logger = logger;
        _clock = clock;
    }

    /// <summary>A field selector the list and watch carry (e.g. <c>spec.nodeName=node1</c>), or null for all objects.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>True once the first list has been loaded.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The cache key of an object: namespace/name, or name for cluster-scoped kinds.</summary>
    public static string KeyOf(IApiObject obj) =>
        string.IsNullOrEmpty(obj.Metadata.Namespace) ? obj.Metadata.Name ?? "" : $"{obj.Metadata.Namespace}/{obj.Metadata.Name}";

    /// <summary>Registers a handler for new objects.</summary>
    public void OnAdd(Action<T> handler) => _onAdd.Add(handler);

    /// <summary>Registers a handler for changed objects (old, new).</summary>
    public void OnUpdate(Action<T, T> handler) => _onUpdate.Add(handler);

    /// <summary>Registers a handler for removed objects (last known state).</summary>
    public void OnDelete(Action<T> handler) => _onDelete.Add(handler);

    /// <summary>The newest known object with a key (the cache, or a newer version this process wrote), or null.</summary>
    public T? Get(string key)
    {
        var cached = _cache.TryGetValue(key, out var obj) ? obj : null;
        return _written.TryGetValue(key, out var mine) && cached is not null && Newer(mine, cached) ? mine : cached;
    }

    /// <summary>A snapshot of every cached object (newest known versions).</summary>
    public IReadOnlyCollection<T> List() => _cache.Keys.Select(Get).OfType<T>().ToList();

    /// <summary>
    /// Remembers an object this process just wrote, so that reads see it before its watch event
    /// arrives (client-go's mutation cache). Handlers still fire when the event comes.
    /// </summary>
    public void Remember(T written) => _written[KeyOf(written)] = written;

    /// <summary>Completes when the first list has been loaded.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await RelistAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var e in _client.WatchAsync(_type, null, resourceVersion, cancellationToken, FieldSelector).ConfigureAwait(false))
                {
                    resourceVersion = e.ResourceVersion;
                    Apply(e);
                }
                delay = TimeSpan.FromMilliseconds(100);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiClientException e) when (e.IsGone)
            {
                resourceVersion = null; // too old: relist
            }
            catch (Exception e) when (e is ApiClientException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                LogWatchFailed(_logger, _type.Plural, e);
                try
                {
                    await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                if (e is ApiClientException { IsGone: true })
                {
                    resourceVersion = null;
                }
            }
        }
    }

    private async Task<string> RelistAsync(CancellationToken cancellationToken)
    {
        var list = await _client.ListAsync(_type, null, cancellationToken, fieldSelector: FieldSelector).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            var key = KeyOf(item);
            seen.Add(key);
            Upsert(key, item);
        }
        foreach (var key in _cache.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            if (_cache.TryRemove(key, out var gone))
            {
                foreach (var h in _onDelete) h(gone);
            }
        }
        _synced.TrySetResult();
        return list.Metadata.ResourceVersion ?? "0";
    }

    private void Apply(WatchEvent<T> e)
    {
        switch (e.Type)
        {
            case "ADDED":
            case "MODIFIED":
                Upsert(KeyOf(e.Object), e.Object);
                break;
            case "DELETED":
                _written.TryRemove(KeyOf(e.Object), out _);
                if (_cache.TryRemove(KeyOf(e.Object), out var last))
                {
                    foreach (var h in _onDelete) h(e.Object ?? last);
                }
                break;
        }
    }

    private static bool Newer(T a, T b) =>
        long.TryParse(a.Metadata.ResourceVersion, out var ra) && long.TryParse(b.Metadata.ResourceVersion, out var rb) && ra > rb;

    private void Upsert(string key, T obj)
    {
        if (_written.TryGetValue(key, out var mine) && !Newer(mine, obj))
        {
            _written.TryRemove(key, out _);
        }
        if (_cache.TryGetValue(key, out var old))
        {
            if (old.Metadata.ResourceVersion == obj.Metadata.ResourceVersion)
            {
                return;
            }
            _cache[key] = obj;
            foreach (var h in _onUpdate) h(old, obj);
        }
        else
        {
            _cache[key] = obj;
            foreach (var h in _onAdd) h(obj);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Watch of {Resource} failed; retrying")]
    private static partial void LogWatchFailed(ILogger logger, string resource, Exception error);
}
