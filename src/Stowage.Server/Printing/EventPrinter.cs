using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary>
/// <c>kubectl get events</c>: LAST SEEN TYPE REASON OBJECT MESSAGE, plus SUBOBJECT, SOURCE, FIRST SEEN,
/// COUNT and NAME with <c>-o wide</c> (printEvent). There is no Age column: events age by occurrence.
/// </summary>
public sealed class EventPrinter : TablePrinter<Event>
{
    /// <summary>The shared instance.</summary>
    public static EventPrinter Instance { get; } = new();

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.String("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
        StandardColumns.String("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
        StandardColumns.String("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        StandardColumns.String("Object", "The object that this event is about."),
        StandardColumns.String("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.", priority: 1),
        StandardColumns.String("Source", "The component reporting this event. Should be a short machine understandable string.", priority: 1),
        StandardColumns.String("Message", "A human-readable description of the status of this operation."),
        StandardColumns.String("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", priority: 1),
        // Declared "string" upstream although the cell is an integer.
        StandardColumns.String("Count", "The number of times this event has occurred.", priority: 1),
        StandardColumns.Name with { Priority = 1 },
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Event obj, DateTimeOffset now, TableCellWriter cells)
    {
        // Events written through events.k8s.io carry only eventTime (and series); core/v1 writers set
        // first/lastTimestamp. Fall back in Kubernetes' order so both kinds show a time.
        var firstSeen = obj.FirstTimestamp ?? obj.EventTime?.Value;
        var lastSeen = obj.LastTimestamp ?? firstSeen;
        long count = obj.Count ?? 0;
        if (obj.Series is { } series)
        {
            lastSeen = series.LastObservedTime?.Value;
            count = series.Count ?? 0;
        }
        else if (count == 0)
        {
            // Singleton events don't have a count set in the new API.
            count = 1;
        }

        var involved = obj.InvolvedObject;
        var kind = (involved.Kind ?? "").ToLowerInvariant();
        var target = string.IsNullOrEmpty(involved.Name) ? kind : kind + "/" + involved.Name;

        cells.Age(lastSeen, now);
        cells.String(obj.Type);
        cells.String(obj.Reason);
        cells.String(target);
        cells.String(involved.FieldPath);
        cells.String(Source(obj.Source, obj.ReportingComponent, obj.ReportingInstance));
        cells.String((obj.Message ?? "").Trim());
        cells.Age(firstSeen, now);
        cells.Integer(count);
        cells.String(obj.Metadata.Name);
    }

    /// <summary>"component, host", each falling back to the reporting controller and instance (formatEventSource).</summary>
    public static string Source(EventSource? source, string? reportingController, string? reportingInstance)
    {
        var component = FirstNonEmpty(source?.Component, reportingController);
        var instance = FirstNonEmpty(source?.Host, reportingInstance);
        return instance.Length == 0 ? component : component + ", " + instance;
    }

    private static string FirstNonEmpty(string? first, string? second) =>
        !string.IsNullOrEmpty(first) ? first : second ?? "";
}
