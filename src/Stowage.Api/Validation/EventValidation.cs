using System.Globalization;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// Event validation (pkg/apis/core/validation/events.go) on the stored core/v1 form. Requests
/// through core v1 (and events.k8s.io/v1beta1) get only the legacy rules; requests through
/// events.k8s.io/v1 get the strict ones too. Field paths are the core names Kubernetes reports
/// (involvedObject, reportingController, message) whichever API was used.
/// </summary>
public static class EventValidation
{
    private const int ReportingInstanceLengthLimit = 128;
    private const int ActionLengthLimit = 128;
    private const int ReasonLengthLimit = 128;
    private const int NoteLengthLimit = 1024;

    /// <summary>An event on create; <paramref name="requestGroupVersion"/> is e.g. "v1" or "events.k8s.io/v1".</summary>
    public static IReadOnlyList<FieldError> ValidateCreate(Event e, string requestGroupVersion)
    {
        ArgumentNullException.ThrowIfNull(e);
        var errs = Legacy(e);
        if (IsLegacyApi(requestGroupVersion))
        {
            return errs;
        }
        errs.AddRange(ObjectMetaValidation.ValidateObjectMeta(e.Metadata, true, ObjectMetaValidation.DnsSubdomainName));
        errs.AddRange(Series(e));
        if (e.EventTime is null)
        {
            errs.Add(FieldErrors.Required(FieldPath.Root("eventTime")));
        }
        if (e.Type is not ("Normal" or "Warning"))
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("type"), "", "has invalid value: " + e.Type));
        }
        if (e.FirstTimestamp is not null)
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("firstTimestamp"), "", "needs to be unset"));
        }
        if (e.LastTimestamp is not null)
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("lastTimestamp"), "", "needs to be unset"));
        }
        if ((e.Count ?? 0) != 0)
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("count"), "", "needs to be unset"));
        }
        if (!string.IsNullOrEmpty(e.Source?.Component) || !string.IsNullOrEmpty(e.Source?.Host))
        {
            errs.Add(FieldErrors.Invalid(FieldPath.Root("source"), "", "needs to be unset"));
        }
        return errs;
    }

    /// <summary>An event on update; through events.k8s.io/v1 everything but the series is immutable.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(Event newEvent, Event oldEvent, string requestGroupVersion)
    {
        ArgumentNullException.ThrowIfNull(newEvent);
        ArgumentNullException.ThrowIfNull(oldEvent);
        var errs = Legacy(newEvent);
        if (IsLegacyApi(requestGroupVersion))
        {
            return errs;
        }
        errs.AddRange(ObjectMetaValidation.ValidateObjectMetaUpdate(newEvent.Metadata, oldEvent.Metadata));
        if (newEvent.Series != oldEvent.Series)
        {
            errs.AddRange(Series(newEvent));
        }
        // Kubernetes prints these values with %#v of its internal structs; the text values are
        // reproduced, structs are left out.
        Immutable(newEvent.InvolvedObject == oldEvent.InvolvedObject, "involvedObject", null);
        Immutable(newEvent.Reason == oldEvent.Reason, "reason", newEvent.Reason ?? "");
        Immutable(newEvent.Message == oldEvent.Message, "message", newEvent.Message ?? "");
        Immutable(newEvent.Source == oldEvent.Source, "source", null);
        Immutable(newEvent.FirstTimestamp == oldEvent.FirstTimestamp, "firstTimestamp", GoText.Time(newEvent.FirstTimestamp ?? DateTimeOffset.MinValue));
        Immutable(newEvent.LastTimestamp == oldEvent.LastTimestamp, "lastTimestamp", GoText.Time(newEvent.LastTimestamp ?? DateTimeOffset.MinValue));
        Immutable((newEvent.Count ?? 0) == (oldEvent.Count ?? 0), "count", (newEvent.Count ?? 0).ToString(CultureInfo.InvariantCulture));
        Immutable(newEvent.Reason == oldEvent.Reason, "reason", newEvent.Reason ?? "");
        Immutable(newEvent.Type == oldEvent.Type, "type", newEvent.Type ?? "");
        Immutable(newEvent.EventTime == oldEvent.EventTime, "eventTime", null);
        Immutable(newEvent.Action == oldEvent.Action, "action", newEvent.Action ?? "");
        Immutable(newEvent.Related == oldEvent.Related, "related", null);
        Immutable(newEvent.ReportingComponent == oldEvent.ReportingComponent, "reportingController", newEvent.ReportingComponent ?? "");
        Immutable(newEvent.ReportingInstance == oldEvent.ReportingInstance, "reportingInstance", newEvent.ReportingInstance ?? "");
        return errs;

        void Immutable(bool same, string field, string? value)
        {
            if (!same)
            {
                errs.Add(FieldErrors.Invalid(FieldPath.Root(field), value, ValidationMessages.FieldImmutable));
            }
        }
    }

    private static bool IsLegacyApi(string requestGroupVersion) => requestGroupVersion is "v1" or "events.k8s.io/v1beta1";

    private static List<FieldError> Series(Event e)
    {
        var errs = new List<FieldError>();
        if (e.Series is not null)
        {
            if ((e.Series.Count ?? 0) < 2)
            {
                errs.Add(FieldErrors.Invalid(FieldPath.Root("series.count"), "", "should be at least 2"));
            }
            if (e.Series.LastObservedTime is null)
            {
                errs.Add(FieldErrors.Required(FieldPath.Root("series.lastObservedTime")));
            }
        }
        return errs;
    }

    // legacyValidateEvent: events without eventTime are "old" events whose namespace must agree
    // with the involved object's; "new" ones must name their reporter and action.
    private static List<FieldError> Legacy(Event e)
    {
        var errs = new List<FieldError>();
        var ns = e.Metadata.Namespace ?? "";
        var involvedNs = e.InvolvedObject.Namespace ?? "";
        var involvedPath = FieldPath.Root("involvedObject").Child("namespace");
        if (e.EventTime is null)
        {
            if (involvedNs.Length == 0 ? ns is not ("" or "default") : ns != involvedNs)
            {
                errs.Add(FieldErrors.Invalid(involvedPath, involvedNs, "does not match event.namespace"));
            }
        }
        else
        {
            if (involvedNs.Length == 0 && ns is not ("default" or "kube-system"))
            {
                errs.Add(FieldErrors.Invalid(involvedPath, involvedNs, "does not match event.namespace"));
            }
            var controller = e.ReportingComponent ?? "";
            if (controller.Length == 0)
            {
                errs.Add(FieldErrors.Required(FieldPath.Root("reportingController")));
            }
            errs.AddRange(ValidationPrimitives.ValidateQualifiedName(controller, FieldPath.Root("reportingController")));
            LimitedText(e.ReportingInstance, "reportingInstance", ReportingInstanceLengthLimit, required: true);
            LimitedText(e.Action, "action", ActionLengthLimit, required: true);
            LimitedText(e.Reason, "reason", ReasonLengthLimit, required: true);
            LimitedText(e.Message, "message", NoteLengthLimit, required: false);
        }
        errs.AddRange(ValidationPrimitives.ValidateDns1123Subdomain(ns, FieldPath.Root("namespace")));
        return errs;

        void LimitedText(string? value, string field, int limit, bool required)
        {
            var text = value ?? "";
            if (required && text.Length == 0)
            {
                errs.Add(FieldErrors.Required(FieldPath.Root(field)));
            }
            if (GoText.Len(text) > limit)
            {
                errs.Add(FieldErrors.Invalid(FieldPath.Root(field), "", "can have at most " + limit.ToString(CultureInfo.InvariantCulture) + " characters"));
            }
        }
    }
}
