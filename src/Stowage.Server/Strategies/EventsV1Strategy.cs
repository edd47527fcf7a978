using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Server.Printing;
using Stowage.Server.Resources;
using EventV1 = Stowage.Api.Events.Event;

namespace Stowage.Server.Strategies;

/// <summary>events.k8s.io/v1 Events: the same stored objects as core/v1 events, converted.</summary>
public sealed class EventsV1Strategy : ResourceStrategy<EventV1>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<EventV1> TypeInfo => ApiJsonContext.Default.EventsV1Event;

    /// <inheritdoc/>
    public override TablePrinter<EventV1> Printer => EventsV1EventPrinter.Instance;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<EventV1, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<EventV1, string?>>
        {
            ["regarding.kind"] = e => e.Regarding?.Kind ?? "",
            ["regarding.namespace"] = e => e.Regarding?.Namespace ?? "",
            ["regarding.name"] = e => e.Regarding?.Name ?? "",
            ["regarding.uid"] = e => e.Regarding?.Uid ?? "",
            ["reason"] = e => e.Reason ?? "",
            ["reportingController"] = e => e.ReportingController ?? "",
            ["type"] = e => e.Type ?? "",
        };

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(EventV1 obj) => EventValidation.ValidateCreate(obj.ToCore(), "events.k8s.io/v1");

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(EventV1 obj, EventV1 old) => EventValidation.ValidateUpdate(obj.ToCore(), old.ToCore(), "events.k8s.io/v1");
}
