using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Api.Validation;
using static Stowage.Api.Tests.Validation.PodFixtures;

namespace Stowage.Api.Tests.Validation;

public sealed class PodValidationTests
{
    private const string FileMode = "must be a number between 0 and 0777 (octal), both inclusive";
    private const string PortRange = "must be between 1 and 65535, inclusive";

    private static readonly Dictionary<string, (Pod Pod, string[] Causes)> Invalid = new()
    {
        ["no containers"] = (TestPd().Spec(s => s with { Containers = [] }),
            ["spec.containers: Required value"]),
        ["a container name that is not a DNS label"] = (TestPd().First(c => c with { Name = "Test_Conta" }),
            ["spec.containers[0].name: Invalid value: \"Test_Conta\": " + Messages.Label]),
        ["two containers with one name"] = (TestPd().Spec(s => s with { Containers = [s.Containers![0], s.Containers[1] with { Name = "test-conta" }] }),
            ["spec.containers[1].name: Duplicate value: \"test-conta\""]),
        ["no image"] = (TestPd().First(c => c with { Image = null }),
            ["spec.containers[0].image: Required value"]),
        ["an image with trailing space"] = (TestPd().First(c => c with { Image = "busybox " }),
            ["spec.containers[0].image: Invalid value: \"busybox \": must not have leading or trailing whitespace"]),
        ["a mount of an undeclared volume"] = (TestPd().First(c => c with { VolumeMounts = [new VolumeMount { Name = "x", MountPath = "/x" }] }),
            ["spec.containers[0].volumeMounts[0].name: Not found: \"x\""]),
        ["a mount without a path"] = (TestPd().First(c => c with { VolumeMounts = [new VolumeMount { Name = "cache-volume" }] }),
            ["spec.containers[0].volumeMounts[0].mountPath: Required value"]),
        ["two mounts at one path"] = (TestPd().First(c => c with { VolumeMounts = [new VolumeMount { Name = "cache-volume", MountPath = "/cache" }, new VolumeMount { Name = "cache-volume", MountPath = "/cache" }] }),
            ["spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/cache\": must be unique"]),
        ["a subPath that climbs out"] = (TestPd().First(c => c with { VolumeMounts = [new VolumeMount { Name = "cache-volume", MountPath = "/cache", SubPath = "../etc" }] }),
            ["spec.containers[0].volumeMounts.subPath: Invalid value: \"../etc\": must not contain '..'"]),
        ["an unknown mount propagation"] = (TestPd().First(c => c with { VolumeMounts = [new VolumeMount { Name = "cache-volume", MountPath = "/cache", MountPropagation = "Shared" }] }),
            ["spec.containers[0].volumeMounts.mountPropagation: Unsupported value: \"Shared\": supported values: \"Bidirectional\", \"HostToContainer\", \"None\""]),
        ["bidirectional propagation without privilege"] = (TestPd().First(c => c with { VolumeMounts = [new VolumeMount { Name = "cache-volume", MountPath = "/cache", MountPropagation = "Bidirectional" }] }),
            ["spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers"]),
        ["a volume with two sources"] = (TestPd().Volumes(new Volume { Name = "cache-volume", EmptyDir = new(), HostPath = new HostPathVolumeSource { Path = "/tmp" } }),
            ["spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
             "spec.containers[0].volumeMounts[0].name: Not found: \"cache-volume\"",
             "spec.containers[1].volumeMounts[0].name: Not found: \"cache-volume\""]),
        ["two volumes with one name"] = (TestPd().Volumes(new Volume { Name = "cache-volume", EmptyDir = new() }, new Volume { Name = "cache-volume", EmptyDir = new() }),
            ["spec.volumes[1].name: Duplicate value: \"cache-volume\""]),
        ["a volume name that is not a DNS label"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "Cache", EmptyDir = new() }] }),
            ["spec.volumes[1].name: Invalid value: \"Cache\": " + Messages.Label]),
        ["a hostPath with .."] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "k8s", HostPath = new HostPathVolumeSource { Path = "/etc/../kubernetes" } }] }),
            ["spec.volumes[1].hostPath.path: Invalid value: \"/etc/../kubernetes\": must not contain '..'"]),
        ["an unknown hostPath type"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "k8s", HostPath = new HostPathVolumeSource { Path = "/etc/kubernetes", Type = "Folder" } }] }),
            ["spec.volumes[1].hostPath.type: Unsupported value: \"Folder\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\""]),
        ["a negative emptyDir size limit"] = (TestPd().Volumes(new Volume { Name = "cache-volume", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Q("-1Gi") } }),
            ["spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity",
             "spec.containers[0].volumeMounts[0].name: Not found: \"cache-volume\"",
             "spec.containers[1].volumeMounts[0].name: Not found: \"cache-volume\""]),
        ["a gitRepo without repository and with an escaping directory"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "repo", GitRepo = new GitRepoVolumeSource { Directory = "../words" } }] }),
            ["spec.volumes[1].gitRepo.repository: Required value", "spec.volumes[1].gitRepo.directory: Invalid value: \"../words\": must not contain '..'"]),
        ["an NFS path that is not absolute"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "data", Nfs = new NfsVolumeSource { Server = "10.0.0.83", Path = "data/pv1" } }] }),
            ["spec.volumes[1].nfs.path: Invalid value: \"data/pv1\": must be an absolute path"]),
        ["a claim volume without a claim name"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "mydata", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource() }] }),
            ["spec.volumes[1].persistentVolumeClaim.claimName: Required value"]),
        ["a glusterfs volume without endpoints"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "gv", Glusterfs = new GlusterfsVolumeSource { Path = "myVol1" } }] }),
            ["spec.volumes[1].glusterfs.endpoints: Required value"]),
        ["a secret volume without a name and with a bad mode"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "s", Secret = new SecretVolumeSource { DefaultMode = 512 } }] }),
            ["spec.volumes[1].secret.secretName: Required value", "spec.volumes[1].secret.defaultMode: Invalid value: 512: " + FileMode]),
        ["a configMap item with an absolute path"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "c", ConfigMap = new ConfigMapVolumeSource { Name = "c1", Items = [new KeyToPath { Key = "a", Path = "/etc/a" }] } }] }),
            ["spec.volumes[1].configMap.items[0].path: Invalid value: \"/etc/a\": must be a relative path"]),
        ["a downward API file of an unsupported field"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "d", DownwardAPI = new DownwardApiVolumeSource { Items = [new DownwardApiVolumeFile { Path = "node", FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "spec.nodeName" } }] } }] }),
            ["spec.volumes[1].downwardAPI.fieldRef.fieldPath: Unsupported value: \"spec.nodeName\": supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", \"metadata.namespace\", \"metadata.uid\""]),
        ["an RBD volume without monitors"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "ceph", Rbd = new RbdVolumeSource { Image = "ceph-image" } }] }),
            ["spec.volumes[1].rbd.monitors: Required value"]),
        ["a CephFS volume without monitors, reported at cephfs"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "ceph", Cephfs = new CephFsVolumeSource { Path = "/some/path/in/side/cephfs" } }] }),
            ["spec.volumes[1].cephfs.monitors: Required value"]),
        ["a GCE disk without a name, reported at persistentDisk"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "pd", GcePersistentDisk = new GcePersistentDiskVolumeSource() }] }),
            ["spec.volumes[1].persistentDisk.pdName: Required value"]),
        ["a flexVolume option in a reserved namespace"] = (TestPd().Spec(s => s with { Volumes = [.. s.Volumes!, new Volume { Name = "oss1", FlexVolume = new FlexVolumeSource { Driver = "alicloud/oss", Options = new Dictionary<string, string> { ["kubernetes.io/bucket"] = "docker" } } }] }),
            ["spec.volumes[1].flexVolume.options[kubernetes.io/bucket]: Invalid value: \"kubernetes.io/bucket\": kubernetes.io and k8s.io namespaces are reserved"]),
        ["an unknown restart policy"] = (TestPd().Spec(s => s with { RestartPolicy = "Sometimes" }),
            ["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""]),
        ["an unknown DNS policy"] = (TestPd().Spec(s => s with { DnsPolicy = "Cluster" }),
            ["spec.dnsPolicy: Unsupported value: \"Cluster\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""]),
        ["DNS policy None without a config"] = (TestPd().Spec(s => s with { DnsPolicy = "None" }),
            ["spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"]),
        ["an unknown pull policy"] = (TestPd().First(c => c with { ImagePullPolicy = "Sometimes" }),
            ["spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""]),
        ["a port out of range, a lower-case protocol and a bad port name"] = (TestPd().First(c => c with { Ports = [new ContainerPort { Number = 70000 }, new ContainerPort { Name = "HTTP", Number = 80, Protocol = "tcp" }] }),
            ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: " + PortRange,
             "spec.containers[0].ports[1].name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
             "spec.containers[0].ports[1].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""]),
        ["a port without a number"] = (TestPd().First(c => c with { Ports = [new ContainerPort()] }),
            ["spec.containers[0].ports[0].containerPort: Required value"]),
        ["two containers on one host port"] = (TestPd().Spec(s => s with { Containers = [s.Containers![0] with { Ports = [new ContainerPort { Number = 80, HostPort = 8080 }] }, s.Containers[1] with { Ports = [new ContainerPort { Number = 81, HostPort = 8080 }] }] }),
            ["spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""]),
        ["a host network pod whose host port differs"] = (TestPd().Spec(s => s with { HostNetwork = true }).First(c => c with { Ports = [new ContainerPort { Number = 80, HostPort = 8080 }] }),
            ["spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"]),
        ["an env var name with ="] = (TestPd().First(c => c with { Env = [new EnvVar { Name = "A=B", Value = "x" }] }),
            ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"]),
        ["an env var with a value and a valueFrom"] = (TestPd().First(c => c with { Env = [new EnvVar { Name = "NODE", Value = "x", ValueFrom = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "spec.nodeName" } } }] }),
            ["spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"]),
        ["requests above limits"] = (TestPd().First(c => c with { Resources = new ResourceRequirements { Limits = new Dictionary<string, Quantity> { ["cpu"] = Q("1") }, Requests = new Dictionary<string, Quantity> { ["cpu"] = Q("2") } } }),
            ["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"]),
        ["an unprefixed resource that is not standard"] = (TestPd().First(c => c with { Resources = new ResourceRequirements { Requests = new Dictionary<string, Quantity> { ["gpu"] = Q("1") } } }),
            ["spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified"]),
        ["a fractional extended resource without a limit"] = (TestPd().First(c => c with { Resources = new ResourceRequirements { Requests = new Dictionary<string, Quantity> { ["example.com/gpu"] = Q("500m") } } }),
            ["spec.containers[0].resources.requests[example.com/gpu]: Invalid value: 500m: must be an integer",
             "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"]),
        ["a liveness probe without a handler"] = (TestPd().First(c => c with { LivenessProbe = new JsonObject { ["periodSeconds"] = 5 } }),
            ["spec.containers[0].livenessProbe: Required value: must specify a handler type"]),
        ["a liveness probe that must succeed twice"] = (TestPd().First(c => c with { LivenessProbe = new JsonObject { ["exec"] = new JsonObject { ["command"] = new JsonArray("true") }, ["successThreshold"] = 2 } }),
            ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]),
        ["an HTTP probe on port 0"] = (TestPd().First(c => c with { ReadinessProbe = new JsonObject { ["httpGet"] = new JsonObject { ["port"] = 0 } } }),
            ["spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: " + PortRange]),
        ["a probe on an init container"] = (TestPd().Spec(s => s with { InitContainers = [new Container { Name = "init", Image = "busybox", LivenessProbe = new JsonObject { ["exec"] = new JsonObject { ["command"] = new JsonArray("true") } } }] }),
            ["spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"]),
        ["an init container named like a container"] = (TestPd().Spec(s => s with { InitContainers = [new Container { Name = "read-conta", Image = "busybox" }] }),
            ["spec.initContainers[0].name: Duplicate value: \"read-conta\""]),
        ["a restart policy on a regular container"] = (TestPd().First(c => c with { RestartPolicy = "Always" }),
            ["spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"]),
        ["a toleration without key and operator Equal"] = (TestPd().Spec(s => s with { Tolerations = [new Toleration { Value = "v", Effect = "NoSchedule" }] }),
            ["spec.tolerations[0].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]),
        ["a toleration seconds without NoExecute"] = (TestPd().Spec(s => s with { Tolerations = [new Toleration { Key = "k", Operator = "Exists", Effect = "NoSchedule", TolerationSeconds = 5 }] }),
            ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]),
        ["a node name that is not a subdomain"] = (TestPd().Spec(s => s with { NodeName = "Node_1" }),
            ["spec.nodeName: Invalid value: \"Node_1\": " + Messages.Subdomain]),
        ["an active deadline of zero"] = (TestPd().Spec(s => s with { ActiveDeadlineSeconds = 0 }),
            ["spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"]),
        ["ephemeral containers on create"] = (TestPd().Spec(s => s with { EphemeralContainers = [new JsonObject { ["name"] = "debug", ["image"] = "busybox" }] }),
            ["spec.ephemeralContainers: Forbidden: cannot be set on create"]),
        ["a mirror pod annotation without a node"] = (TestPd() with { Metadata = TestPd().Metadata with { Annotations = new Dictionary<string, string> { ["kubernetes.io/config.mirror"] = "abc" } } },
            ["metadata.annotations[kubernetes.io/config.mirror]: Invalid value: \"abc\": must set spec.nodeName if mirror pod annotation is set"]),
        ["no namespace"] = (TestPd() with { Metadata = new ObjectMeta { Name = "test-pd" } },
            ["metadata.namespace: Required value"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects_an_invalid_pod_with_Kubernetes_causes(string name)
    {
        var (pod, expected) = Invalid[name];
        Causes.AssertExactly(PodValidation.Validate(pod), expected);
    }

    [Fact]
    public void Accepts_the_seed_pod_and_one_using_every_common_source()
    {
        Causes.AssertNone(PodValidation.Validate(TestPd()));
        var rich = TestPd().Spec(s => s with
        {
            Volumes =
            [
                .. s.Volumes!,
                new Volume { Name = "k8s", HostPath = new HostPathVolumeSource { Path = "/etc/kubernetes", Type = "DirectoryOrCreate" } },
                new Volume { Name = "mydata", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "mypvc1", ReadOnly = true } },
                new Volume { Name = "nfs", Nfs = new NfsVolumeSource { Server = "10.0.0.83", Path = "/data/pv1" } },
                new Volume { Name = "gv", Glusterfs = new GlusterfsVolumeSource { Endpoints = "glusterfs-cluster", Path = "myVol1" } },
                new Volume { Name = "repo", GitRepo = new GitRepoVolumeSource { Repository = "https://github.com/haochen233/words.git", Revision = "master", Directory = "." } },
                new Volume { Name = "conf", ConfigMap = new ConfigMapVolumeSource { Name = "c1", Items = [new KeyToPath { Key = "a", Path = "conf/a", Mode = 256 }] } },
                new Volume { Name = "key", Secret = new SecretVolumeSource { SecretName = "ceph-secret" } },
                new Volume { Name = "info", DownwardAPI = new DownwardApiVolumeSource { Items = [new DownwardApiVolumeFile { Path = "labels", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels" } }] } },
                new Volume { Name = "mem", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Q("64Mi") } },
                new Volume { Name = "csi", Csi = new CsiVolumeSource { Driver = "inline.storage.example.com", NodePublishSecretRef = new LocalObjectReference { Name = "creds" } } },
            ],
            Containers =
            [
                s.Containers![0] with
                {
                    Ports = [new ContainerPort { Name = "http", Number = 8080 }],
                    Env = [new EnvVar { Name = "NODE", ValueFrom = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "spec.nodeName" } } }],
                    Resources = new ResourceRequirements { Limits = new Dictionary<string, Quantity> { ["cpu"] = Q("500m"), ["memory"] = Q("128Mi") } },
                    LivenessProbe = new JsonObject { ["httpGet"] = new JsonObject { ["port"] = "http" } },
                    VolumeMounts = [.. s.Containers[0].VolumeMounts!, new VolumeMount { Name = "mydata", MountPath = "/data", SubPath = "app" }],
                },
                s.Containers[1],
            ],
            Tolerations = [new Toleration { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 }],
            NodeSelector = new Dictionary<string, string> { ["disktype"] = "ssd" },
        });
        Causes.AssertNone(PodValidation.Validate(rich));
    }

    [Fact]
    public void An_update_may_change_images_lower_the_deadline_and_add_tolerations()
    {
        var old = TestPd().Spec(s => s with { ActiveDeadlineSeconds = 600 }).Stored();
        var updated = old.First(c => c with { Image = "busybox:1.36" }).Spec(s => s with
        {
            ActiveDeadlineSeconds = 300,
            Tolerations = [new Toleration { Key = "dedicated", Operator = "Exists" }],
        }) with { Status = old.Status };
        Causes.AssertNone(PodValidation.ValidateUpdate(updated, old));
    }

    [Fact]
    public void An_update_of_any_other_field_is_forbidden_with_a_diff()
    {
        var old = TestPd().Stored();
        var updated = old.First(c => c with { Args = ["sleep", "1"] }) with { Status = old.Status };
        var cause = Assert.Single(PodValidation.ValidateUpdate(updated, old));
        Assert.Equal(
            "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n"
            + "  - containers[0].args[0]: \"/bin/sh\"\n  + containers[0].args[0]: \"sleep\"\n"
            + "  - containers[0].args[1]: \"-c\"\n  + containers[0].args[1]: \"1\"\n"
            + "  - containers[0].args[2]: \"echo \\\"hello world\\\" > /cache/hello ; sleep 3000\"",
            cause.ToString());
    }

    [Fact]
    public void An_update_may_not_add_containers()
    {
        var old = TestPd().Stored();
        var updated = old.Spec(s => s with { Containers = [.. s.Containers!, new Container { Name = "third", Image = "busybox" }] }) with { Status = old.Status };
        Causes.AssertExactly(PodValidation.ValidateUpdate(updated, old), "spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    [Fact]
    public void An_update_may_not_raise_or_remove_the_deadline()
    {
        var old = TestPd().Spec(s => s with { ActiveDeadlineSeconds = 300 }).Stored();
        Causes.AssertExactly(PodValidation.ValidateUpdate(old.Spec(s => s with { ActiveDeadlineSeconds = 600 }) with { Status = old.Status }, old),
            "spec.activeDeadlineSeconds: Invalid value: 600: must be less than or equal to previous value");
        Causes.AssertContains(PodValidation.ValidateUpdate(old.Spec(s => s with { ActiveDeadlineSeconds = null }) with { Status = old.Status }, old),
            "spec.activeDeadlineSeconds: Invalid value: \"null\": must not update from a positive integer to nil value");
    }

    [Fact]
    public void An_update_may_not_remove_a_toleration()
    {
        var old = TestPd().Spec(s => s with { Tolerations = [new Toleration { Key = "dedicated", Operator = "Exists" }] }).Stored();
        var updated = old.Spec(s => s with { Tolerations = [] }) with { Status = old.Status };
        Causes.AssertContains(PodValidation.ValidateUpdate(updated, old), "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    [Fact]
    public void A_negative_grace_period_may_be_raised_to_one()
    {
        var old = TestPd().Spec(s => s with { TerminationGracePeriodSeconds = -1 }).Stored();
        Causes.AssertNone(PodValidation.ValidateUpdate(old.Spec(s => s with { TerminationGracePeriodSeconds = 1 }) with { Status = old.Status }, old));
    }

    [Fact]
    public void A_status_update_may_not_change_the_QoS_class_or_revive_a_finished_container()
    {
        var old = TestPd().Spec(s => s with { RestartPolicy = "Never" }).Stored() with
        {
            Status = new PodStatus
            {
                Phase = "Running",
                QosClass = "BestEffort",
                ContainerStatuses = [new ContainerStatus { Name = "test-conta", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0 } } }],
            },
        };
        var updated = old with
        {
            Status = old.Status with
            {
                QosClass = "Guaranteed",
                ContainerStatuses = [new ContainerStatus { Name = "test-conta", State = new ContainerState { Running = new ContainerStateRunning() } }],
                PodIPs = [new PodIp { Ip = "10.244.0.300" }],
            },
        };
        Causes.AssertExactly(PodValidation.ValidateStatusUpdate(updated, old),
            "status.qosClass: Invalid value: \"Guaranteed\": field is immutable",
            "status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state",
            "status.podIPs[0]: Invalid value: \"10.244.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }

    [Fact]
    public void A_status_update_checks_custom_condition_types_under_metadata()
    {
        var old = TestPd().Stored();
        var updated = old with { Status = old.Status! with { Conditions = [new PodCondition { Type = "Ready", Status = "True" }, new PodCondition { Type = "my condition", Status = "True" }] } };
        Causes.AssertExactly(PodValidation.ValidateStatusUpdate(updated, old),
            "metadata.conditions[1].Type: Invalid value: \"my condition\": " + Messages.QualifiedNamePart);
    }
}
