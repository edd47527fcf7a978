using static Stowage.Server.Protobuf.Schema.CoreV1CommonSchema;
using static Stowage.Server.Protobuf.Schema.FieldShape;

namespace Stowage.Server.Protobuf.Schema;

/// <summary>core/v1 Container and what it holds: ports, env, probes, lifecycle, security context.</summary>
internal static class ContainerSchema
{
    /// <summary>Also EphemeralContainerCommon, which copies Container field for field and number for number.</summary>
    public static MessageDescriptor Container { get; } = MessageBuilder.Define("Container")
        .String(1, "name", Always)
        .String(2, "image")
        .Strings(3, "command")
        .Strings(4, "args")
        .String(5, "workingDir")
        .Messages(6, "ports", () => ContainerPort)
        .Messages(19, "envFrom", () => EnvFromSource)
        .Messages(7, "env", () => EnvVar)
        .Message(8, "resources", () => ResourceRequirements, Always)
        .Messages(23, "resizePolicy", () => ContainerResizePolicy)
        .String(24, "restartPolicy", Pointer)
        .Messages(25, "restartPolicyRules", () => ContainerRestartRule)
        .Messages(9, "volumeMounts", () => VolumeMount)
        .Messages(21, "volumeDevices", () => VolumeDevice)
        .Message(10, "livenessProbe", () => Probe)
        .Message(11, "readinessProbe", () => Probe)
        .Message(22, "startupProbe", () => Probe)
        .Message(12, "lifecycle", () => Lifecycle)
        .String(13, "terminationMessagePath")
        .String(20, "terminationMessagePolicy")
        .String(14, "imagePullPolicy")
        .Message(15, "securityContext", () => SecurityContext)
        .Bool(16, "stdin")
        .Bool(17, "stdinOnce")
        .Bool(18, "tty")
        .Build();

    public static MessageDescriptor EphemeralContainer { get; } = MessageBuilder.Define("EphemeralContainer")
        .Inline(1, () => Container)
        .String(2, "targetContainerName")
        .Build();

    public static MessageDescriptor ContainerPort { get; } = MessageBuilder.Define("ContainerPort")
        .String(1, "name")
        .Int32(2, "hostPort")
        .Int32(3, "containerPort", Always)
        .String(4, "protocol")
        .String(5, "hostIP")
        .Build();

    public static MessageDescriptor EnvFromSource { get; } = MessageBuilder.Define("EnvFromSource")
        .String(1, "prefix")
        .Message(2, "configMapRef", () => OptionalLocalReference)
        .Message(3, "secretRef", () => OptionalLocalReference)
        .Build();

    /// <summary>ConfigMapEnvSource and SecretEnvSource: an inlined LocalObjectReference plus optional.</summary>
    public static MessageDescriptor OptionalLocalReference { get; } = MessageBuilder.Define("ConfigMapEnvSource")
        .Inline(1, () => LocalObjectReference)
        .Bool(2, "optional", Pointer)
        .Build();

    public static MessageDescriptor EnvVar { get; } = MessageBuilder.Define("EnvVar")
        .String(1, "name", Always)
        .String(2, "value")
        .Message(3, "valueFrom", () => EnvVarSource)
        .Build();

    public static MessageDescriptor EnvVarSource { get; } = MessageBuilder.Define("EnvVarSource")
        .Message(1, "fieldRef", () => ObjectFieldSelector)
        .Message(2, "resourceFieldRef", () => ResourceFieldSelector)
        .Message(3, "configMapKeyRef", () => KeySelector)
        .Message(4, "secretKeyRef", () => KeySelector)
        .Message(5, "fileKeyRef", () => FileKeySelector)
        .Build();

    /// <summary>ConfigMapKeySelector and SecretKeySelector have the same fields and numbers.</summary>
    public static MessageDescriptor KeySelector { get; } = MessageBuilder.Define("ConfigMapKeySelector")
        .Inline(1, () => LocalObjectReference)
        .String(2, "key", Always)
        .Bool(3, "optional", Pointer)
        .Build();

    public static MessageDescriptor FileKeySelector { get; } = MessageBuilder.Define("FileKeySelector")
        .String(1, "volumeName", Always)
        .String(2, "path", Always)
        .String(3, "key", Always)
        .Bool(4, "optional", Pointer)
        .Build();

    public static MessageDescriptor ContainerResizePolicy { get; } = MessageBuilder.Define("ContainerResizePolicy")
        .String(1, "resourceName", Always)
        .String(2, "restartPolicy", Always)
        .Build();

    public static MessageDescriptor ContainerRestartRule { get; } = MessageBuilder.Define("ContainerRestartRule")
        .String(1, "action")
        .Message(2, "exitCodes", () => ContainerRestartRuleOnExitCodes)
        .Build();

    public static MessageDescriptor ContainerRestartRuleOnExitCodes { get; } = MessageBuilder.Define("ContainerRestartRuleOnExitCodes")
        .String(1, "operator")
        .Int32s(2, "values")
        .Build();

    public static MessageDescriptor VolumeMount { get; } = MessageBuilder.Define("VolumeMount")
        .String(1, "name", Always)
        .Bool(2, "readOnly")
        .String(7, "recursiveReadOnly", Pointer)
        .String(3, "mountPath", Always)
        .String(4, "subPath")
        .String(5, "mountPropagation", Pointer)
        .String(6, "subPathExpr")
        .Build();

    public static MessageDescriptor VolumeDevice { get; } = MessageBuilder.Define("VolumeDevice")
        .String(1, "name", Always)
        .String(2, "devicePath", Always)
        .Build();

    public static MessageDescriptor Probe { get; } = MessageBuilder.Define("Probe")
        .Inline(1, () => ProbeHandler)
        .Int32(2, "initialDelaySeconds")
        .Int32(3, "timeoutSeconds")
        .Int32(4, "periodSeconds")
        .Int32(5, "successThreshold")
        .Int32(6, "failureThreshold")
        .Int64(7, "terminationGracePeriodSeconds", Pointer)
        .Build();

    public static MessageDescriptor ProbeHandler { get; } = MessageBuilder.Define("ProbeHandler")
        .Message(1, "exec", () => ExecAction)
        .Message(2, "httpGet", () => HttpGetAction)
        .Message(3, "tcpSocket", () => TcpSocketAction)
        .Message(4, "grpc", () => GrpcAction)
        .Build();

    public static MessageDescriptor ExecAction { get; } = MessageBuilder.Define("ExecAction")
        .Strings(1, "command")
        .Build();

    public static MessageDescriptor HttpGetAction { get; } = MessageBuilder.Define("HTTPGetAction")
        .String(1, "path")
        .IntOrString(2, "port")
        .String(3, "host")
        .String(4, "scheme")
        .Messages(5, "httpHeaders", () => HttpHeader)
        .Build();

    public static MessageDescriptor HttpHeader { get; } = MessageBuilder.Define("HTTPHeader")
        .String(1, "name", Always)
        .String(2, "value", Always)
        .Build();

    public static MessageDescriptor TcpSocketAction { get; } = MessageBuilder.Define("TCPSocketAction")
        .IntOrString(1, "port")
        .String(2, "host")
        .Build();

    /// <summary>service is a pointer without omitempty in Go, so it is null when unset.</summary>
    public static MessageDescriptor GrpcAction { get; } = MessageBuilder.Define("GRPCAction")
        .Int32(1, "port", Always)
        .String(2, "service", NullablePointer)
        .Build();

    public static MessageDescriptor Lifecycle { get; } = MessageBuilder.Define("Lifecycle")
        .Message(1, "postStart", () => LifecycleHandler)
        .Message(2, "preStop", () => LifecycleHandler)
        .String(3, "stopSignal", Pointer)
        .Build();

    public static MessageDescriptor LifecycleHandler { get; } = MessageBuilder.Define("LifecycleHandler")
        .Message(1, "exec", () => ExecAction)
        .Message(2, "httpGet", () => HttpGetAction)
        .Message(3, "tcpSocket", () => TcpSocketAction)
        .Message(4, "sleep", () => SleepAction)
        .Build();

    public static MessageDescriptor SleepAction { get; } = MessageBuilder.Define("SleepAction")
        .Int64(1, "seconds", Always)
        .Build();

    public static MessageDescriptor SecurityContext { get; } = MessageBuilder.Define("SecurityContext")
        .Message(1, "capabilities", () => Capabilities)
        .Bool(2, "privileged", Pointer)
        .Message(3, "seLinuxOptions", () => SeLinuxOptions)
        .Message(10, "windowsOptions", () => WindowsSecurityContextOptions)
        .Int64(4, "runAsUser", Pointer)
        .Int64(8, "runAsGroup", Pointer)
        .Bool(5, "runAsNonRoot", Pointer)
        .Bool(6, "readOnlyRootFilesystem", Pointer)
        .Bool(7, "allowPrivilegeEscalation", Pointer)
        .String(9, "procMount", Pointer)
        .Message(11, "seccompProfile", () => SeccompProfile)
        .Message(12, "appArmorProfile", () => AppArmorProfile)
        .Build();

    public static MessageDescriptor Capabilities { get; } = MessageBuilder.Define("Capabilities")
        .Strings(1, "add")
        .Strings(2, "drop")
        .Build();

    public static MessageDescriptor SeLinuxOptions { get; } = MessageBuilder.Define("SELinuxOptions")
        .String(1, "user")
        .String(2, "role")
        .String(3, "type")
        .String(4, "level")
        .Build();

    public static MessageDescriptor WindowsSecurityContextOptions { get; } = MessageBuilder.Define("WindowsSecurityContextOptions")
        .String(1, "gmsaCredentialSpecName", Pointer)
        .String(2, "gmsaCredentialSpec", Pointer)
        .String(3, "runAsUserName", Pointer)
        .Bool(4, "hostProcess", Pointer)
        .Build();

    public static MessageDescriptor SeccompProfile { get; } = MessageBuilder.Define("SeccompProfile")
        .String(1, "type", Always)
        .String(2, "localhostProfile", Pointer)
        .Build();

    public static MessageDescriptor AppArmorProfile { get; } = MessageBuilder.Define("AppArmorProfile")
        .String(1, "type", Always)
        .String(2, "localhostProfile", Pointer)
        .Build();
}
