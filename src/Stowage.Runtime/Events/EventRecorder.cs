using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Runtime.Client;

namespace Stowage.Runtime.Events;

/// <summary>
/// Records core/v1 Events about objects, as client-go's recorder does: asynchronously (a controller
/// never waits on its events), with repeats of the same event folded into one whose count and
/// lastTimestamp grow. An event recorded with <c>replaces: true</c> updates the object's previous
/// event of the same reason in place (used for explanations that change as the cluster changes).
/// Events of cluster-scoped objects go to the "default" namespace, as Kubernetes puts them.
/// </summary>
public sealed partial class EventRecorder : IAsyncDisposable
{
    private readonly ApiClient _client;
    private readonly string _component;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly ConcurrentDictionary<(string Uid, string Reason), (Event Event, string Message)> _last = new();
    private readonly Task _loop;

    /// <summary>Creates the recorder and its sending loop.</summary>
    public EventRecorder(ApiClient client, string component, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _component = component;
        _clock = clock;
        _logger = logger;
        _loop = Task.Run(SendLoopAsync);
    }

    /// <summary>Queues an event about <paramref name="involved"/>.</summary>
    public void Record(ObjectReference involved, string type, string reason, string message, bool replaces = false) =>
        _pending.Writer.TryWrite(new Pending(involved, type, reason, message, replaces, _clock.GetUtcNow()));

    /// <summary>Sends what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task SendLoopAsync()
    {
        await foreach (var p in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await SendAsync(p).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiClientException or HttpRequestException or IOException or OperationCanceledException)
            {
                LogEventFailed(_logger, p.Reason, p.Involved.Name ?? "", e);
            }
        }
    }

    private async Task SendAsync(Pending p)
    {
        var ns = string.IsNullOrEmpty(p.Involved.Namespace) ? "default" : p.Involved.Namespace;
        var key = (p.Involved.Uid ?? p.Involved.Name ?? "", p.Reason);
        if (_last.TryGetValue(key, out var previous) && (previous.Message == p.Message || p.Replaces))
        {
            var updated = previous.Event with
            {
                Message = p.Message,
                Type = p.Type,
                Count = (previous.Event.Count ?? 1) + 1,
                LastTimestamp = p.When,
            };
            try
            {
                var written = await _client.UpdateAsync(ResourceTypes.Events, updated, CancellationToken.None).ConfigureAwait(false);
                _last[key] = (written, p.Message);
                return;
            }
            catch (ApiClientException e) when (e.IsNotFound || e.IsConflict)
            {
                // Gone or changed elsewhere: write a fresh event below.
            }
        }
        var name = $"{p.Involved.Name}.{p.When.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x1000):x3}";
        var created = await _client.CreateAsync(ResourceTypes.Events, new Event
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            InvolvedObject = p.Involved,
            Reason = p.Reason,
            Message = p.Message,
            Type = p.Type,
            Count = 1,
            FirstTimestamp = p.When,
            LastTimestamp = p.When,
            Source = new EventSource { Component = _component },
            ReportingComponent = _component,
            ReportingInstance = _component,
        }, CancellationToken.None).ConfigureAwait(false);
        _last[key] = (created, p.Message);
    }

    private sealed record Pending(ObjectReference Involved, string Type, string Reason, string Message, bool Replaces, DateTimeOffset When);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Debug, Message = "Could not record event {Reason} for {Name}")]
    private static partial void LogEventFailed(ILogger logger, string reason, string name, Exception error);
}
