using Stowage.Api.Core;
using Stowage.Api.Meta;

namespace Stowage.Api.Events;

/// <summary>
/// The events.k8s.io/v1 view of an event. Stored as the core v1 <see cref="Core.Event"/>; the
/// two convert field by field as Kubernetes converts them (note ↔ message, regarding ↔ involvedObject).
/// </summary>
public sealed record Event : IApiObject<Event>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>When the event was first observed.</summary>
    public MicroTime? EventTime { get; init; }

    /// <summary>Data about a series of occurrences.</summary>
    public EventsV1Series? Series { get; init; }

    /// <summary>The controller that emitted the event.</summary>
    public string? ReportingController { get; init; }

    /// <summary>The controller instance.</summary>
    public string? ReportingInstance { get; init; }

    /// <summary>What was done or failed.</summary>
    public string? Action { get; init; }

    /// <summary>Why the action was taken.</summary>
    public string? Reason { get; init; }

    /// <summary>The object the event is about.</summary>
    public ObjectReference? Regarding { get; init; }

    /// <summary>A secondary object.</summary>
    public ObjectReference? Related { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Note { get; init; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; init; }

    /// <summary>core/v1 source.</summary>
    public EventSource? DeprecatedSource { get; init; }

    /// <summary>core/v1 firstTimestamp.</summary>
    public DateTimeOffset? DeprecatedFirstTimestamp { get; init; }

    /// <summary>core/v1 lastTimestamp.</summary>
    public DateTimeOffset? DeprecatedLastTimestamp { get; init; }

    /// <summary>core/v1 count.</summary>
    public int? DeprecatedCount { get; init; }

    /// <inheritdoc/>
    public Event WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Event WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };

    /// <summary>Converts from the stored core/v1 form.</summary>
    public static Event FromCore(Core.Event e) => new()
    {
        ApiVersion = "events.k8s.io/v1",
        Kind = "Event",
        Metadata = e.Metadata,
        EventTime = e.EventTime,
        Series = e.Series is null ? null : new EventsV1Series { Count = e.Series.Count ?? 0, LastObservedTime = e.Series.LastObservedTime },
        ReportingController = e.ReportingComponent,
        ReportingInstance = e.ReportingInstance,
        Action = e.Action,
        Reason = e.Reason,
        Regarding = e.InvolvedObject,
        Related = e.Related,
        Note = e.Message,
        Type = e.Type,
        DeprecatedSource = e.Source,
        DeprecatedFirstTimestamp = e.FirstTimestamp,
        DeprecatedLastTimestamp = e.LastTimestamp,
        DeprecatedCount = e.Count,
    };

    /// <summary>Converts to the stored core/v1 form.</summary>
    public Core.Event ToCore() => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = Metadata,
        EventTime = EventTime,
        Series = Series is null ? null : new EventSeries { Count = Series.Count, LastObservedTime = Series.LastObservedTime },
        ReportingComponent = ReportingController,
        ReportingInstance = ReportingInstance,
        Action = Action,
        Reason = Reason,
        InvolvedObject = Regarding ?? new ObjectReference(),
        Related = Related,
        Message = Note,
        Type = Type,
        Source = DeprecatedSource,
        FirstTimestamp = DeprecatedFirstTimestamp,
        LastTimestamp = DeprecatedLastTimestamp,
        Count = DeprecatedCount,
    };
}

/// <summary>events.k8s.io/v1 EventSeries.</summary>
public sealed record EventsV1Series
{
    /// <summary>Occurrences.</summary>
    public int Count { get; init; }

    /// <summary>Last observation.</summary>
    public MicroTime? LastObservedTime { get; init; }
}
