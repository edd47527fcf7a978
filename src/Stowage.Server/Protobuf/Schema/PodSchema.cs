using static Stowage.Server.Protobuf.Schema.CoreV1CommonSchema;
using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>core/v1 Pod and PodSpec with its scheduling and security types. Containers are in
/// <see cref="ContainerSchema"/>, status in <see cref="PodStatusSchema"/>.</summary>
internal static class PodSchema
{
    public static MessageDescriptor Pod { get; } = MessageBuilder.Define("Pod")
        .Message(1, "metadata", () => MetaV1Schema.ObjectMeta, Always)
        .Message(2, "spec", () => PodSpec, Always)
        .Message(3, "status", () => PodStatusSchema.PodStatus, Always)
        .Build();

    public static MessageDescriptor PodSpec { get; } = MessageBuilder.Define("PodSpec")
        .Messages(1, "volumes", () => VolumeSourceSchema.Volume)
        .Messages(20, "initContainers", () => ContainerSchema.Container)
        .Messages(2, "containers", () => ContainerSchema.Container, Always)
        .Messages(34, "ephemeralContainers", () => ContainerSchema.EphemeralContainer)
        .String(3, "restartPolicy")
        .Int64(4, "terminationGracePeriodSeconds", Pointer)
        .Int64(5, "activeDeadlineSeconds", Pointer)
        .String(6, "dnsPolicy")
        .StringMap(7, "nodeSelector")
        .String(8, "serviceAccountName")
        .String(9, "serviceAccount")
        .Bool(21, "automountServiceAccountToken", Pointer)
        .String(10, "nodeName")
        .Bool(11, "hostNetwork")
        .Bool(12, "hostPID")
        .Bool(13, "hostIPC")
        .Bool(27, "shareProcessNamespace", Pointer)
        .Message(14, "securityContext", () => PodSecurityContext)
        .Messages(15, "imagePullSecrets", () => LocalObjectReference)
        .String(16, "hostname")
        .String(17, "subdomain")
        .Message(18, "affinity", () => Affinity)
        .String(19, "schedulerName")
        .Messages(22, "tolerations", () => Toleration)
        .Messages(23, "hostAliases", () => HostAlias)
        .String(24, "priorityClassName")
        .Int32(25, "priority", Pointer)
        .Message(26, "dnsConfig", () => PodDnsConfig)
        .Messages(28, "readinessGates", () => PodReadinessGate)
        .String(29, "runtimeClassName", Pointer)
        .Bool(30, "enableServiceLinks", Pointer)
        .String(31, "preemptionPolicy", Pointer)
        .QuantityMap(32, "overhead")
        .Messages(33, "topologySpreadConstraints", () => TopologySpreadConstraint)
        .Bool(35, "setHostnameAsFQDN", Pointer)
        .Message(36, "os", () => PodOs)
        .Bool(37, "hostUsers", Pointer)
        .Messages(38, "schedulingGates", () => PodSchedulingGate)
        .Messages(39, "resourceClaims", () => PodResourceClaim)
        .Message(40, "resources", () => ResourceRequirements)
        .String(41, "hostnameOverride", Pointer)
        .Build();

    public static MessageDescriptor PodSecurityContext { get; } = MessageBuilder.Define("PodSecurityContext")
        .Message(1, "seLinuxOptions", () => ContainerSchema.SeLinuxOptions)
        .Message(8, "windowsOptions", () => ContainerSchema.WindowsSecurityContextOptions)
        .Int64(2, "runAsUser", Pointer)
        .Int64(6, "runAsGroup", Pointer)
        .Bool(3, "runAsNonRoot", Pointer)
        .Int64s(4, "supplementalGroups")
        .String(12, "supplementalGroupsPolicy", Pointer)
        .Int64(5, "fsGroup", Pointer)
        .Messages(7, "sysctls", () => Sysctl)
        .String(9, "fsGroupChangePolicy", Pointer)
        .Message(10, "seccompProfile", () => ContainerSchema.SeccompProfile)
        .Message(11, "appArmorProfile", () => ContainerSchema.AppArmorProfile)
        .String(13, "seLinuxChangePolicy", Pointer)
        .Build();

    public static MessageDescriptor Sysctl { get; } = MessageBuilder.Define("Sysctl")
        .String(1, "name", Always)
        .String(2, "value", Always)
        .Build();

    public static MessageDescriptor Affinity { get; } = MessageBuilder.Define("Affinity")
        .Message(1, "nodeAffinity", () => NodeAffinity)
        .Message(2, "podAffinity", () => PodAffinity)
        .Message(3, "podAntiAffinity", () => PodAffinity)
        .Build();

    public static MessageDescriptor NodeAffinity { get; } = MessageBuilder.Define("NodeAffinity")
        .Message(1, "requiredDuringSchedulingIgnoredDuringExecution", () => NodeSelector)
        .Messages(2, "preferredDuringSchedulingIgnoredDuringExecution", () => PreferredSchedulingTerm)
        .Build();

    public static MessageDescriptor PreferredSchedulingTerm { get; } = MessageBuilder.Define("PreferredSchedulingTerm")
        .Int32(1, "weight", Always)
        .Message(2, "preference", () => NodeSelectorTerm, Always)
        .Build();

    /// <summary>PodAffinity and PodAntiAffinity have the same fields and numbers.</summary>
    public static MessageDescriptor PodAffinity { get; } = MessageBuilder.Define("PodAffinity")
        .Messages(1, "requiredDuringSchedulingIgnoredDuringExecution", () => PodAffinityTerm)
        .Messages(2, "preferredDuringSchedulingIgnoredDuringExecution", () => WeightedPodAffinityTerm)
        .Build();

    public static MessageDescriptor PodAffinityTerm { get; } = MessageBuilder.Define("PodAffinityTerm")
        .Message(1, "labelSelector", () => MetaV1Schema.LabelSelector)
        .Strings(2, "namespaces")
        .String(3, "topologyKey", Always)
        .Message(4, "namespaceSelector", () => MetaV1Schema.LabelSelector)
        .Strings(5, "matchLabelKeys")
        .Strings(6, "mismatchLabelKeys")
        .Build();

    public static MessageDescriptor WeightedPodAffinityTerm { get; } = MessageBuilder.Define("WeightedPodAffinityTerm")
        .Int32(1, "weight", Always)
        .Message(2, "podAffinityTerm", () => PodAffinityTerm, Always)
        .Build();

    public static MessageDescriptor Toleration { get; } = MessageBuilder.Define("Toleration")
        .String(1, "key")
        .String(2, "operator")
        .String(3, "value")
        .String(4, "effect")
        .Int64(5, "tolerationSeconds", Pointer)
        .Build();

    public static MessageDescriptor HostAlias { get; } = MessageBuilder.Define("HostAlias")
        .String(1, "ip", Always)
        .Strings(2, "hostnames")
        .Build();

    public static MessageDescriptor PodDnsConfig { get; } = MessageBuilder.Define("PodDNSConfig")
        .Strings(1, "nameservers")
        .Strings(2, "searches")
        .Messages(3, "options", () => PodDnsConfigOption)
        .Build();

    public static MessageDescriptor PodDnsConfigOption { get; } = MessageBuilder.Define("PodDNSConfigOption")
        .String(1, "name")
        .String(2, "value", Pointer)
        .Build();

    public static MessageDescriptor PodReadinessGate { get; } = MessageBuilder.Define("PodReadinessGate")
        .String(1, "conditionType", Always)
        .Build();

    public static MessageDescriptor TopologySpreadConstraint { get; } = MessageBuilder.Define("TopologySpreadConstraint")
        .Int32(1, "maxSkew", Always)
        .String(2, "topologyKey", Always)
        .String(3, "whenUnsatisfiable", Always)
        .Message(4, "labelSelector", () => MetaV1Schema.LabelSelector)
        .Int32(5, "minDomains", Pointer)
        .String(6, "nodeAffinityPolicy", Pointer)
        .String(7, "nodeTaintsPolicy", Pointer)
        .Strings(8, "matchLabelKeys")
        .Build();

    public static MessageDescriptor PodOs { get; } = MessageBuilder.Define("PodOS")
        .String(1, "name", Always)
        .Build();

    public static MessageDescriptor PodSchedulingGate { get; } = MessageBuilder.Define("PodSchedulingGate")
        .String(1, "name", Always)
        .Build();

    public static MessageDescriptor PodResourceClaim { get; } = MessageBuilder.Define("PodResourceClaim")
        .String(1, "name", Always)
        .String(3, "resourceClaimName", Pointer)
        .String(4, "resourceClaimTemplateName", Pointer)
        .Build();
}
