using System.Collections.Concurrent;
using System.Diagnostics;
using Stowage.Api.Meta;
using Stowage.Runtime.Client;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// Watches one kind and remembers, per object name, the Stopwatch timestamp at which the watch first
/// showed the object meeting a condition (e.g. a claim Bound). The timestamp is taken as the event is
/// read, so waiting for a count never adds to a measured time. A field selector, where the condition
/// implies one (a claim's phase), lets the server leave out the events that cannot meet it, so that the
/// benchmark's own watch costs the process it measures as little as it can.
/// </summary>
internal sealed class ConditionWatch<T> : IAsyncDisposable
    where T : class, IApiObject<T>
{
    private readonly ApiClient _client;
    private readonly ResourceType<T> _type;
    private readonly string? _namespace;
    private readonly Func<T, bool> _condition;
    private readonly string? _fieldSelector;
    private readonly ConcurrentDictionary<string, long> _met = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _events;

    public ConditionWatch(ApiClient client, ResourceType<T> type, string? ns, Func<T, bool> condition, string? fieldSelector = null)
    {
        _fieldSelector = fieldSelector;
        _client = client;
        _type = type;
        _namespace = ns;
        _condition = condition;
    }

    /// <summary>Objects that have met the condition.</summary>
    public int Count => _met.Count;

    /// <summary>Watch events read.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>When the object first met the condition, or null.</summary>
    public long? MetAt(string name) => _met.TryGetValue(name, out var at) ? at : null;

    /// <summary>Lists (objects already meeting the condition count from now) and starts watching from the list's revision.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resourceVersion = await ListAsync(cancellationToken);
        _loop = Task.Run(() => WatchAsync(resourceVersion, _stop.Token), CancellationToken.None);
    }

    /// <summary>Waits until <paramref name="count"/> objects have met the condition.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Count < count)
        {
            if (_loop.IsFaulted)
            {
                await _loop;
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{_type.Plural}: {Count} of {count} met the condition within {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(5, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = await _client.ListAsync(_type, _namespace, cancellationToken, fieldSelector: _fieldSelector);
        var now = Stopwatch.GetTimestamp();
        foreach (var item in list.Items)
        {
            Observe(item, now);
        }
        return list.Metadata.ResourceVersion ?? "0";
    }

    private async Task WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // A stream the server ends is resumed from the last revision seen.
                await foreach (var e in _client.WatchAsync(_type, _namespace, resourceVersion, cancellationToken, _fieldSelector))
                {
                    var now = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _events);
                    resourceVersion = e.ResourceVersion;
                    if (e.Type is "ADDED" or "MODIFIED")
                    {
                        Observe(e.Object, now);
                    }
                }
            }
            catch (ApiClientException e) when (e.IsGone)
            {
                resourceVersion = await ListAsync(cancellationToken);
            }
        }
    }

    private void Observe(T obj, long now)
    {
        if (obj.Metadata.Name is { } name && _condition(obj))
        {
            _met.TryAdd(name, now);
        }
    }
}
