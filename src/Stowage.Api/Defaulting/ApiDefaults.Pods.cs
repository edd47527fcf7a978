using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Quantities;

namespace Stowage.Api.Defaulting;

// Pods and nodes: SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Volume and
// the volume-source, port, probe and field-selector defaults of pkg/apis/core/v1/defaults.go.
public static partial class ApiDefaults
{
    /// <summary>File mode of projected files when none is given: 0644.</summary>
    public const int DefaultFileMode = 420;

    /// <summary>terminationGracePeriodSeconds when none is given.</summary>
    public const long DefaultTerminationGracePeriodSeconds = 30;

    /// <summary>The scheduler a pod names when it names none.</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    /// <summary>
    /// Everything Kubernetes defaults when it decodes a pod: restartPolicy Always, dnsPolicy
    /// ClusterFirst, securityContext {}, terminationGracePeriodSeconds 30, schedulerName
    /// default-scheduler, enableServiceLinks true; per container the pull policy (Always for
    /// :latest or no tag), terminationMessagePath/Policy, TCP on ports and requests copied from
    /// limits; per volume an emptyDir when no source is given and the sources' modes and names;
    /// with hostNetwork, hostPort = containerPort. Status is left alone: the strategy sets it on
    /// create.
    /// </summary>
    public static Pod Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = ApplySpec(pod.Spec ?? new PodSpec(), copyLimitsToRequests: true);
        // SetDefaults_Pod, not SetDefaults_PodSpec: templates do not get it.
        return pod with { Spec = spec with { EnableServiceLinks = spec.EnableServiceLinks ?? true } };
    }

    /// <summary>
    /// The defaults of a pod template (SetDefaults_PodSpec and below): those of a pod, except that
    /// requests are not copied from limits and enableServiceLinks is not set, which SetDefaults_Pod
    /// does for pods only.
    /// </summary>
    public static PodTemplateSpec Apply(PodTemplateSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template with { Spec = ApplySpec(template.Spec ?? new PodSpec(), copyLimitsToRequests: false) };
    }

    private static PodSpec ApplySpec(PodSpec spec, bool copyLimitsToRequests)
    {
        var hostNetwork = spec.HostNetwork == true;
        return spec with
        {
            DnsPolicy = string.IsNullOrEmpty(spec.DnsPolicy) ? "ClusterFirst" : spec.DnsPolicy,
            RestartPolicy = string.IsNullOrEmpty(spec.RestartPolicy) ? "Always" : spec.RestartPolicy,
            SecurityContext = spec.SecurityContext ?? [],
            TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds ?? DefaultTerminationGracePeriodSeconds,
            SchedulerName = string.IsNullOrEmpty(spec.SchedulerName) ? DefaultSchedulerName : spec.SchedulerName,
            Containers = spec.Containers?.Select(c => Apply(c, hostNetwork, copyLimitsToRequests)).ToList(),
            InitContainers = spec.InitContainers?.Select(c => Apply(c, hostNetwork, copyLimitsToRequests)).ToList(),
            Volumes = spec.Volumes?.Select(Apply).ToList(),
        };
    }

    /// <summary>status.allocatable defaults to status.capacity.</summary>
    public static Node Apply(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Status is { Allocatable: null, Capacity: { } capacity } status)
        {
            return node with { Status = status with { Allocatable = capacity } };
        }
        return node;
    }

    private static Container Apply(Container container, bool hostNetwork, bool copyLimitsToRequests)
    {
        var resources = container.Resources ?? new ResourceRequirements();
        if (copyLimitsToRequests && resources.Limits is { Count: > 0 } limits)
        {
            // Requests default to limits, per resource (SetDefaults_Pod: pods only, not templates).
            var requests = new Dictionary<string, Quantity>(resources.Requests ?? new Dictionary<string, Quantity>(), StringComparer.Ordinal);
            foreach (var (name, limit) in limits)
            {
                requests.TryAdd(name, limit);
            }
            resources = resources with { Requests = requests };
        }
        return container with
        {
            ImagePullPolicy = string.IsNullOrEmpty(container.ImagePullPolicy)
                ? ImageReference.TagOf(container.Image) == "latest" ? "Always" : "IfNotPresent"
                : container.ImagePullPolicy,
            TerminationMessagePath = string.IsNullOrEmpty(container.TerminationMessagePath) ? "/dev/termination-log" : container.TerminationMessagePath,
            TerminationMessagePolicy = string.IsNullOrEmpty(container.TerminationMessagePolicy) ? "File" : container.TerminationMessagePolicy,
            Resources = resources,
            Ports = container.Ports?.Select(p => p with
            {
                Protocol = string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol,
                HostPort = hostNetwork && (p.HostPort ?? 0) == 0 ? p.Number : p.HostPort,
            }).ToList(),
            Env = container.Env?.Select(e => e.ValueFrom is null ? e : e with { ValueFrom = WithFieldRefVersion(e.ValueFrom) }).ToList(),
            LivenessProbe = WithProbeDefaults(container.LivenessProbe),
            ReadinessProbe = WithProbeDefaults(container.ReadinessProbe),
            StartupProbe = WithProbeDefaults(container.StartupProbe),
            Lifecycle = WithLifecycleDefaults(container.Lifecycle),
        };
    }

    private static Volume Apply(Volume volume)
    {
        if (HasNoSource(volume))
        {
            return volume with { EmptyDir = new EmptyDirVolumeSource() };
        }
        return volume with
        {
            HostPath = volume.HostPath is { Type: null } h ? h with { Type = "" } : volume.HostPath,
            Secret = volume.Secret is { } s ? s with { DefaultMode = s.DefaultMode ?? DefaultFileMode } : null,
            ConfigMap = volume.ConfigMap is { } c ? c with { DefaultMode = c.DefaultMode ?? DefaultFileMode } : null,
            DownwardAPI = volume.DownwardAPI is { } d ? d with
            {
                DefaultMode = d.DefaultMode ?? DefaultFileMode,
                Items = d.Items?.Select(i => i.FieldRef is { ApiVersion: null or "" } f ? i with { FieldRef = f with { ApiVersion = "v1" } } : i).ToList(),
            } : null,
            Iscsi = volume.Iscsi is { } i && string.IsNullOrEmpty(i.IscsiInterface) ? i with { IscsiInterface = "default" } : volume.Iscsi,
            Rbd = volume.Rbd is { } r ? r with
            {
                Pool = string.IsNullOrEmpty(r.Pool) ? "rbd" : r.Pool,
                User = string.IsNullOrEmpty(r.User) ? "admin" : r.User,
                Keyring = string.IsNullOrEmpty(r.Keyring) ? "/etc/ceph/keyring" : r.Keyring,
            } : null,
            Projected = WithProjectedDefaults(volume.Projected),
            AzureDisk = WithDefaults(volume.AzureDisk, ("cachingMode", "ReadWrite"), ("kind", "Shared"), ("fsType", "ext4"), ("readOnly", false)),
            ScaleIO = WithDefaults(volume.ScaleIO, ("storageMode", "ThinProvisioned"), ("fsType", "xfs")),
            Ephemeral = WithEphemeralDefaults(volume.Ephemeral),
        };
    }

    // SetDefaults_Volume: "if ptr.AllPtrFieldsNil(&obj.VolumeSource)".
    private static bool HasNoSource(Volume v) =>
        v is
        {
            HostPath: null, EmptyDir: null, GcePersistentDisk: null, AwsElasticBlockStore: null, GitRepo: null, Secret: null,
            Nfs: null, Iscsi: null, Glusterfs: null, PersistentVolumeClaim: null, Rbd: null, FlexVolume: null, Cinder: null,
            Cephfs: null, Flocker: null, DownwardAPI: null, Fc: null, AzureFile: null, ConfigMap: null, VsphereVolume: null,
            Quobyte: null, AzureDisk: null, PhotonPersistentDisk: null, Projected: null, PortworxVolume: null, ScaleIO: null,
            Storageos: null, Csi: null, Ephemeral: null, Image: null,
        };

    // SetDefaults_Probe and SetDefaults_HTTPGetAction.
    private static JsonObject? WithProbeDefaults(JsonObject? probe)
    {
        if (probe is null)
        {
            return null;
        }
        // These are plain int32s in Go, so 0 counts as unset.
        var result = (JsonObject)probe.DeepClone();
        foreach (var (name, value) in new[] { ("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3) })
        {
            if (result[name] is null || Validation.JsonFields.Integer(result[name]) == 0)
            {
                result[name] = value;
            }
        }
        return WithHttpGetDefaults(result);
    }

    private static JsonObject? WithLifecycleDefaults(JsonObject? lifecycle)
    {
        if (lifecycle is null)
        {
            return null;
        }
        var result = (JsonObject)lifecycle.DeepClone();
        foreach (var hook in new[] { "postStart", "preStop" })
        {
            if (result[hook] is JsonObject handler)
            {
                result[hook] = WithHttpGetDefaults(handler);
            }
        }
        return result;
    }

    private static JsonObject WithHttpGetDefaults(JsonObject handler)
    {
        if (handler["httpGet"] is JsonObject httpGet)
        {
            var result = (JsonObject)handler.DeepClone();
            result["httpGet"] = WithDefaults(httpGet, ("path", "/"), ("scheme", "HTTP"));
            return result;
        }
        return handler;
    }

    // SetDefaults_ObjectFieldSelector inside an env var's valueFrom.
    private static JsonObject WithFieldRefVersion(JsonObject valueFrom)
    {
        if (valueFrom["fieldRef"] is JsonObject fieldRef)
        {
            var result = (JsonObject)valueFrom.DeepClone();
            result["fieldRef"] = WithDefaults(fieldRef, ("apiVersion", "v1"));
            return result;
        }
        return valueFrom;
    }

    // SetDefaults_ProjectedVolumeSource, SetDefaults_ServiceAccountTokenProjection and the field
    // selectors of projected downward API items.
    private static JsonObject? WithProjectedDefaults(JsonObject? projected)
    {
        if (projected is null)
        {
            return null;
        }
        var result = WithDefaults(projected, ("defaultMode", DefaultFileMode))!;
        if (result["sources"] is JsonArray sources)
        {
            foreach (var source in sources.OfType<JsonObject>())
            {
                if (source["serviceAccountToken"] is JsonObject token)
                {
                    source["serviceAccountToken"] = WithDefaults(token, ("expirationSeconds", 3600L));
                }
                if (source["downwardAPI"] is JsonObject { } downward && downward["items"] is JsonArray items)
                {
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        if (item["fieldRef"] is JsonObject fieldRef)
                        {
                            item["fieldRef"] = WithDefaults(fieldRef, ("apiVersion", "v1"));
                        }
                    }
                }
            }
        }
        return result;
    }

    // SetDefaults_PersistentVolumeClaimSpec for the claim template of an ephemeral volume.
    private static JsonObject? WithEphemeralDefaults(JsonObject? ephemeral)
    {
        if (ephemeral?["volumeClaimTemplate"] is not JsonObject template || template["spec"] is not JsonObject spec)
        {
            return ephemeral;
        }
        var result = (JsonObject)ephemeral.DeepClone();
        result["volumeClaimTemplate"]!["spec"] = WithDefaults(spec, ("volumeMode", "Filesystem"));
        return result;
    }

    // A copy with each absent (or JSON null) field set; present values are kept. Strings that Go
    // holds as plain strings also default when empty.
    private static JsonObject? WithDefaults(JsonObject? source, params (string Name, object Value)[] defaults)
    {
        if (source is null)
        {
            return null;
        }
        var result = (JsonObject)source.DeepClone();
        foreach (var (name, value) in defaults)
        {
            if (result[name] is null || (value is string && result[name] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0))
            {
                result[name] = value switch
                {
                    string s => JsonValue.Create(s),
                    int i => JsonValue.Create(i),
                    long l => JsonValue.Create(l),
                    bool b => JsonValue.Create(b),
                    _ => throw new ArgumentException($"unsupported default for {name}", nameof(defaults)),
                };
            }
        }
        return result;
    }
}
