using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stowage.Api.Core;

namespace Stowage.Api.Validation;

/// <summary>
/// The containers of a pod (validateContainers, validateInitContainers, validateContainerCommon and
/// what they call), in Kubernetes' order and with its texts. Probes, lifecycle hooks, envFrom and
/// valueFrom are kept as JSON in the records; their structural rules are checked on the JSON.
/// </summary>
internal static partial class ContainerRules
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    [GeneratedRegex("^[-a-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameCharset();

    /// <summary>Regular containers: at least one, unique names, hooks and probes, host ports across all.</summary>
    public static IEnumerable<FieldError> Containers(IReadOnlyList<Container>? containers, Dictionary<string, Volume> volumes, long? gracePeriod, FieldPath path)
    {
        if (containers is not { Count: > 0 })
        {
            return [FieldErrors.Required(path)];
        }
        var errs = new List<FieldError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var p = path.Index(i);
            errs.AddRange(Common(c, volumes, p));
            if (!names.Add(c.Name))
            {
                errs.Add(FieldErrors.Duplicate(p.Child("name"), c.Name));
            }
            if (c.Lifecycle is not null)
            {
                errs.AddRange(ProbeRules.Lifecycle(c.Lifecycle, gracePeriod, p.Child("lifecycle")));
            }
            errs.AddRange(ProbeRules.Probe(c.LivenessProbe, p.Child("livenessProbe"), ProbeRules.ProbeKind.Liveness));
            errs.AddRange(ProbeRules.Probe(c.ReadinessProbe, p.Child("readinessProbe"), ProbeRules.ProbeKind.Readiness));
            errs.AddRange(ProbeRules.Probe(c.StartupProbe, p.Child("startupProbe"), ProbeRules.ProbeKind.Startup));
            if (c.RestartPolicy is not null)
            {
                errs.Add(FieldErrors.Forbidden(p.Child("restartPolicy"), "may not be set for non-init containers"));
            }
        }
        errs.AddRange(HostPortConflicts(containers, path));
        return errs;
    }

    /// <summary>Init containers: names unique among all containers, hooks and probes only for sidecars (restartPolicy Always).</summary>
    public static IEnumerable<FieldError> InitContainers(IReadOnlyList<Container>? containers, IReadOnlyList<Container>? regular, Dictionary<string, Volume> volumes, long? gracePeriod, FieldPath path)
    {
        var errs = new List<FieldError>();
        var names = new HashSet<string>((regular ?? []).Select(c => c.Name), StringComparer.Ordinal);
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var c = containers![i];
            var p = path.Index(i);
            errs.AddRange(Common(c, volumes, p));
            var restartAlways = false;
            if (c.RestartPolicy is not null)
            {
                if (c.RestartPolicy != "Always")
                {
                    errs.Add(FieldErrors.NotSupported(p.Child("restartPolicy"), c.RestartPolicy, ["Always"]));
                }
                restartAlways = c.RestartPolicy == "Always";
            }
            if (names.Contains(c.Name))
            {
                errs.Add(FieldErrors.Duplicate(p.Child("name"), c.Name));
            }
            else if (c.Name.Length > 0)
            {
                names.Add(c.Name);
            }
            errs.AddRange(HostPortConflicts([c], path));
            if (restartAlways)
            {
                if (c.Lifecycle is not null)
                {
                    errs.AddRange(ProbeRules.Lifecycle(c.Lifecycle, gracePeriod, p.Child("lifecycle")));
                }
                errs.AddRange(ProbeRules.Probe(c.LivenessProbe, p.Child("livenessProbe"), ProbeRules.ProbeKind.Liveness));
                errs.AddRange(ProbeRules.Probe(c.ReadinessProbe, p.Child("readinessProbe"), ProbeRules.ProbeKind.Readiness));
                errs.AddRange(ProbeRules.Probe(c.StartupProbe, p.Child("startupProbe"), ProbeRules.ProbeKind.Startup));
            }
            else
            {
                const string NotForInit = "may not be set for init containers without restartPolicy=Always";
                foreach (var (set, name) in new[] { (c.Lifecycle, "lifecycle"), (c.LivenessProbe, "livenessProbe"), (c.ReadinessProbe, "readinessProbe"), (c.StartupProbe, "startupProbe") })
                {
                    if (set is not null)
                    {
                        errs.Add(FieldErrors.Forbidden(p.Child(name), NotForInit));
                    }
                }
            }
            if (c.ResizePolicy is { Count: > 0 })
            {
                // Go prints the slice with %#v.
                var items = c.ResizePolicy.Select(r => "core.ContainerResizePolicy{ResourceName:" + GoText.Quote(JsonFields.Text(r, "resourceName") ?? "")
                    + ", RestartPolicy:" + GoText.Quote(JsonFields.Text(r, "restartPolicy") ?? "") + "}");
                errs.Add(FieldErrors.Invalid(p.Child("resizePolicy"), "[]core.ContainerResizePolicy{" + string.Join(", ", items) + "}",
                    "must not be set for init containers") with { QuoteBadValue = false });
            }
        }
        return errs;
    }

    /// <summary>validateContainerOnlyForPod: no whitespace around the image.</summary>
    public static IEnumerable<FieldError> ImageWhitespace(IReadOnlyList<Container>? containers, FieldPath path)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var image = containers![i].Image ?? "";
            if (image.Length != image.Trim().Length)
            {
                yield return FieldErrors.Invalid(path.Index(i).Child("image"), image, "must not have leading or trailing whitespace");
            }
        }
    }

    // validateContainerCommon.
    private static List<FieldError> Common(Container c, Dictionary<string, Volume> volumes, FieldPath path)
    {
        var errs = new List<FieldError>();
        var namePath = path.Child("name");
        if (c.Name.Length == 0)
        {
            errs.Add(FieldErrors.Required(namePath));
        }
        else
        {
            errs.AddRange(ValidationPrimitives.ValidateDns1123Label(c.Name, namePath));
        }
        if (string.IsNullOrEmpty(c.Image))
        {
            errs.Add(FieldErrors.Required(path.Child("image")));
        }
        switch (c.TerminationMessagePolicy)
        {
            case "File" or "FallbackToLogsOnError":
                break;
            case null or "":
                errs.Add(FieldErrors.Required(path.Child("terminationMessagePolicy")));
                break;
            default:
                errs.Add(FieldErrors.NotSupported(path.Child("terminationMessagePolicy"), c.TerminationMessagePolicy, MessagePolicies));
                break;
        }
        errs.AddRange(Ports(c.Ports, path.Child("ports")));
        errs.AddRange(EnvRules.Env(c.Env, path.Child("env")));
        errs.AddRange(EnvRules.EnvFrom(c.EnvFrom, path.Child("envFrom")));
        errs.AddRange(VolumeMountRules.VolumeMounts(c, volumes, path.Child("volumeMounts")));
        errs.AddRange(VolumeMountRules.VolumeDevices(c, volumes, path.Child("volumeDevices")));
        switch (c.ImagePullPolicy)
        {
            case "Always" or "IfNotPresent" or "Never":
                break;
            case null or "":
                errs.Add(FieldErrors.Required(path.Child("imagePullPolicy")));
                break;
            default:
                errs.Add(FieldErrors.NotSupported(path.Child("imagePullPolicy"), c.ImagePullPolicy, PullPolicies));
                break;
        }
        errs.AddRange(ResourceRules.Requirements(c.Resources?.Limits, c.Resources?.Requests, path.Child("resources")));
        return errs;
    }

    private static IEnumerable<FieldError> Ports(IReadOnlyList<ContainerPort>? ports, FieldPath path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i];
            var p = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var messages = PortNameErrors(port.Name);
                if (messages.Count > 0)
                {
                    foreach (var m in messages)
                    {
                        yield return FieldErrors.Invalid(p.Child("name"), port.Name, m);
                    }
                }
                else if (!names.Add(port.Name))
                {
                    yield return FieldErrors.Duplicate(p.Child("name"), port.Name);
                }
            }
            if (port.Number == 0)
            {
                yield return FieldErrors.Required(p.Child("containerPort"));
            }
            else if (port.Number is < 1 or > 65535)
            {
                yield return FieldErrors.Invalid(p.Child("containerPort"), port.Number, ValidationPrimitives.InclusiveRangeError(1, 65535));
            }
            if (port.HostPort is { } hostPort and not 0 && hostPort is < 1 or > 65535)
            {
                yield return FieldErrors.Invalid(p.Child("hostPort"), hostPort, ValidationPrimitives.InclusiveRangeError(1, 65535));
            }
            if (string.IsNullOrEmpty(port.Protocol))
            {
                yield return FieldErrors.Required(p.Child("protocol"));
            }
            else if (!Protocols.Contains(port.Protocol, StringComparer.Ordinal))
            {
                yield return FieldErrors.NotSupported(p.Child("protocol"), port.Protocol, Protocols);
            }
        }
    }

    /// <summary>validation.IsValidPortName (an IANA service name).</summary>
    public static List<string> PortNameErrors(string port)
    {
        var errs = new List<string>();
        if (GoText.Len(port) > 15)
        {
            errs.Add(ValidationPrimitives.MaxLenError(15));
        }
        if (!PortNameCharset().IsMatch(port))
        {
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        else if (!port.Any(char.IsAsciiLetterLower))
        {
            errs.Add("must contain at least one letter (a-z)");
        }
        if (port.Contains("--", StringComparison.Ordinal))
        {
            errs.Add("must not contain consecutive hyphens");
        }
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errs.Add("must not begin or end with a hyphen");
        }
        return errs;
    }

    private static IEnumerable<FieldError> HostPortConflicts(IReadOnlyList<Container> containers, FieldPath path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var ci = 0; ci < containers.Count; ci++)
        {
            var ports = containers[ci].Ports ?? [];
            for (var pi = 0; pi < ports.Count; pi++)
            {
                if (ports[pi].HostPort is not { } hostPort || hostPort == 0)
                {
                    continue;
                }
                var key = string.Create(CultureInfo.InvariantCulture, $"{ports[pi].Protocol}/{ports[pi].HostIP}/{hostPort}");
                if (!seen.Add(key))
                {
                    yield return FieldErrors.Duplicate(path.Index(ci).Child("ports").Index(pi).Child("hostPort"), key);
                }
            }
        }
    }
}
