using Stowage.Api.Meta;

namespace Stowage.Api.Core;

/// <summary>A report of something that happened to an object (v1.Event; stored form of both event APIs).</summary>
public sealed record Event : IApiObject<Event>
{
    /// <inheritdoc/>
    public string? ApiVersion { get; init; }

    /// <inheritdoc/>
    public string? Kind { get; init; }

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The object the event is about.</summary>
    public ObjectReference InvolvedObject { get; init; } = new();

    /// <summary>Short CamelCase reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>The reporting component.</summary>
    public EventSource? Source { get; init; }

    /// <summary>First occurrence.</summary>
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>Most recent occurrence.</summary>
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>How many times it occurred.</summary>
    public int? Count { get; init; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; init; }

    /// <summary>First observation, with microseconds.</summary>
    public MicroTime? EventTime { get; init; }

    /// <summary>Data about a series of occurrences.</summary>
    public EventSeries? Series { get; init; }

    /// <summary>What was done or failed.</summary>
    public string? Action { get; init; }

    /// <summary>A secondary object.</summary>
    public ObjectReference? Related { get; init; }

    /// <summary>The controller that emitted the event.</summary>
    public string? ReportingComponent { get; init; }

    /// <summary>The controller instance.</summary>
    public string? ReportingInstance { get; init; }

    /// <inheritdoc/>
    public Event WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    /// <inheritdoc/>
    public Event WithType(string apiVersion, string kind) => this with { ApiVersion = apiVersion, Kind = kind };
}

/// <summary>The source of an event.</summary>
public sealed record EventSource
{
    /// <summary>Component name.</summary>
    public string? Component { get; init; }

    /// <summary>Node name.</summary>
    public string? Host { get; init; }
}

/// <summary>A series of repeated occurrences.</summary>
public sealed record EventSeries
{
    /// <summary>Occurrences in the series.</summary>
    public int? Count { get; init; }

    /// <summary>Time of the last observation.</summary>
    public MicroTime? LastObservedTime { get; init; }
}
