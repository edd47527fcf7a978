using System.Text.Json.Serialization.Metadata;
using Stowage.Api;
using Stowage.Api.Defaulting;
using Stowage.Api.Validation;
using Stowage.Api.Core;
using Stowage.Server.Printing;
using Stowage.Server.Resources;

namespace Stowage.Server.Strategies;

/// <summary>core/v1 Events, with the field selectors kubectl describe uses.</summary>
public sealed class EventStrategy : ResourceStrategy<Event>
{
    /// <inheritdoc/>
    public override JsonTypeInfo<Event> TypeInfo => ApiJsonContext.Default.Event;

    /// <inheritdoc/>
    public override TablePrinter<Event> Printer => EventPrinter.Instance;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Func<Event, string?>> SelectableFields { get; } =
        new Dictionary<string, Func<Event, string?>>
        {
            ["involvedObject.kind"] = e => e.InvolvedObject.Kind ?? "",
            ["involvedObject.namespace"] = e => e.InvolvedObject.Namespace ?? "",
            ["involvedObject.name"] = e => e.InvolvedObject.Name ?? "",
            ["involvedObject.uid"] = e => e.InvolvedObject.Uid ?? "",
            ["involvedObject.apiVersion"] = e => e.InvolvedObject.ApiVersion ?? "",
            ["involvedObject.resourceVersion"] = e => e.InvolvedObject.ResourceVersion ?? "",
            ["involvedObject.fieldPath"] = e => e.InvolvedObject.FieldPath ?? "",
            ["reason"] = e => e.Reason ?? "",
            ["reportingComponent"] = e => e.ReportingComponent ?? "",
            ["source"] = e => e.Source?.Component ?? "",
            ["type"] = e => e.Type ?? "",
        };

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> Validate(Event obj) => EventValidation.ValidateCreate(obj, "v1");

    /// <inheritdoc/>
    public override IReadOnlyList<FieldError> ValidateUpdate(Event obj, Event old) => EventValidation.ValidateUpdate(obj, old, "v1");
}
