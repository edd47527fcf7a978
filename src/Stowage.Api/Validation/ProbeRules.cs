using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// Probes and lifecycle hooks of a container (validateProbe, validateLifecycle, validateHandler),
/// checked on their JSON form.
/// </summary>
internal static class ProbeRules
{
    private static readonly string[] HttpSchemes = ["HTTP", "HTTPS"];

    public enum ProbeKind
    {
        Liveness,
        Readiness,
        Startup,
    }

    // validateLivenessProbe / validateReadinessProbe / validateStartupProbe over the JSON probe.
    public static IEnumerable<FieldError> Probe(JsonObject? probe, FieldPath path, ProbeKind kind)
    {
        if (probe is null)
        {
            yield break;
        }
        foreach (var e in Handler(probe, ["exec", "httpGet", "tcpSocket", "grpc"], null, path))
        {
            yield return e;
        }
        foreach (var field in new[] { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" })
        {
            if (JsonFields.Integer(probe, field) is < 0 and var n)
            {
                yield return FieldErrors.Invalid(path.Child(field), n, ValidationMessages.IsNegative);
            }
        }
        if (JsonFields.Integer(probe, "terminationGracePeriodSeconds") is <= 0 and var grace)
        {
            yield return FieldErrors.Invalid(path.Child("terminationGracePeriodSeconds"), grace, "must be greater than 0");
        }
        if (kind is ProbeKind.Liveness or ProbeKind.Startup && (JsonFields.Integer(probe, "successThreshold") ?? 0) != 1)
        {
            yield return FieldErrors.Invalid(path.Child("successThreshold"), JsonFields.Integer(probe, "successThreshold") ?? 0, "must be 1");
        }
        if (kind == ProbeKind.Readiness && JsonFields.Integer(probe, "terminationGracePeriodSeconds") is { } readinessGrace)
        {
            yield return FieldErrors.Invalid(path.Child("terminationGracePeriodSeconds"), readinessGrace, "must not be set for readinessProbes");
        }
    }

    public static IEnumerable<FieldError> Lifecycle(JsonObject lifecycle, long? gracePeriod, FieldPath path)
    {
        foreach (var hook in new[] { "postStart", "preStop" })
        {
            if (lifecycle[hook] is JsonObject handler)
            {
                foreach (var e in Handler(handler, ["exec", "httpGet", "tcpSocket", "sleep"], gracePeriod, path.Child(hook)))
                {
                    yield return e;
                }
            }
        }
    }

    // validateHandler: exactly one handler type, each checked.
    private static IEnumerable<FieldError> Handler(JsonObject handler, string[] types, long? gracePeriod, FieldPath path)
    {
        var count = 0;
        foreach (var type in types)
        {
            if (handler[type] is not JsonObject action)
            {
                continue;
            }
            if (count > 0)
            {
                yield return FieldErrors.Forbidden(path.Child(type), "may not specify more than 1 handler type");
                continue;
            }
            count++;
            var p = path.Child(type);
            switch (type)
            {
                case "exec" when action["command"] is not JsonArray { Count: > 0 }:
                    yield return FieldErrors.Required(p.Child("command"));
                    break;
                case "httpGet":
                    if (string.IsNullOrEmpty(JsonFields.Text(action, "path")))
                    {
                        yield return FieldErrors.Required(p.Child("path"));
                    }
                    foreach (var e in PortNumOrName(action["port"], p.Child("port")))
                    {
                        yield return e;
                    }
                    var scheme = JsonFields.Text(action, "scheme") ?? "";
                    if (!HttpSchemes.Contains(scheme, StringComparer.Ordinal))
                    {
                        yield return FieldErrors.NotSupported(p.Child("scheme"), scheme, HttpSchemes);
                    }
                    break;
                case "tcpSocket" or "grpc":
                    foreach (var e in PortNumOrName(action["port"], p.Child("port")))
                    {
                        yield return e;
                    }
                    break;
                case "sleep" when gracePeriod is { } grace && JsonFields.Integer(action, "seconds") is var seconds && (seconds is null or <= 0 || seconds > grace):
                    yield return FieldErrors.Invalid(p, seconds ?? 0, string.Create(CultureInfo.InvariantCulture,
                        $"must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."));
                    break;
            }
        }
        if (count == 0)
        {
            yield return FieldErrors.Required(path, "must specify a handler type");
        }
    }

    // ValidatePortNumOrName over an int-or-string JSON value.
    private static IEnumerable<FieldError> PortNumOrName(JsonNode? port, FieldPath path)
    {
        if (port is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var name = v.GetValue<string>();
            foreach (var m in ContainerRules.PortNameErrors(name))
            {
                yield return FieldErrors.Invalid(path, name, m);
            }
        }
        else
        {
            var number = JsonFields.Integer(port) ?? 0;
            if (number is < 1 or > 65535)
            {
                yield return FieldErrors.Invalid(path, number, ValidationPrimitives.InclusiveRangeError(1, 65535));
            }
        }
    }
}
