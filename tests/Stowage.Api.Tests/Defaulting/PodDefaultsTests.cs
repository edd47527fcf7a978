using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Api.Tests.Defaulting;

public sealed class PodDefaultsTests
{
    // What kubectl run web --image=busybox --restart=Never -- sleep 3600 sends.
    private const string KubectlRunPod =
        """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"run":"web"}},"spec":{"containers":[{"name":"web","image":"busybox","args":["sleep","3600"],"resources":{}}],"restartPolicy":"Never","dnsPolicy":"ClusterFirst"},"status":{}}""";

    private static Pod Decode(string json) => JsonSerializer.Deserialize(json, ApiJsonContext.Default.Pod)!;

    private static Pod Defaulted(PodSpec spec) => ApiDefaults.Apply(new Pod { Metadata = new ObjectMeta { Name = "p" }, Spec = spec });

    [Fact]
    public void A_kubectl_run_pod_gets_the_pod_and_container_defaults()
    {
        var pod = ApiDefaults.Apply(Decode(KubectlRunPod));
        var spec = pod.Spec!;
        Assert.Equal(("Never", "ClusterFirst", "default-scheduler", 30L, true), (spec.RestartPolicy, spec.DnsPolicy, spec.SchedulerName, spec.TerminationGracePeriodSeconds, spec.EnableServiceLinks));
        Assert.Equal("{}", spec.SecurityContext!.ToJsonString());
        var c = Assert.Single(spec.Containers!);
        Assert.Equal(("Always", "/dev/termination-log", "File"), (c.ImagePullPolicy, c.TerminationMessagePath, c.TerminationMessagePolicy));
        Assert.Null(pod.Status?.Phase);
    }

    [Fact]
    public void Defaulting_twice_changes_nothing()
    {
        var once = ApiDefaults.Apply(Decode(KubectlRunPod));
        Assert.Equal(
            JsonSerializer.Serialize(once, ApiJsonContext.Default.Pod),
            JsonSerializer.Serialize(ApiDefaults.Apply(once), ApiJsonContext.Default.Pod));
    }

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("192.168.2.7:5000/go_serv", "Always")]
    [InlineData("192.168.2.7:5000/go_serv:1.0", "IfNotPresent")]
    [InlineData("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("Busybox", "IfNotPresent")]
    public void The_pull_policy_follows_the_image_tag(string image, string policy)
    {
        var pod = Defaulted(new PodSpec { Containers = [new Container { Name = "c", Image = image }] });
        Assert.Equal(policy, pod.Spec!.Containers![0].ImagePullPolicy);
    }

    [Fact]
    public void Ports_get_TCP_and_with_host_network_a_host_port()
    {
        var pod = Defaulted(new PodSpec { HostNetwork = true, Containers = [new Container { Name = "c", Image = "nginx", Ports = [new ContainerPort { Number = 80 }] }] });
        var port = pod.Spec!.Containers![0].Ports![0];
        Assert.Equal(("TCP", 80), (port.Protocol, port.HostPort));
        var plain = Defaulted(new PodSpec { Containers = [new Container { Name = "c", Image = "nginx", Ports = [new ContainerPort { Number = 80 }] }] });
        Assert.Null(plain.Spec!.Containers![0].Ports![0].HostPort);
    }

    [Fact]
    public void Requests_default_to_limits_resource_by_resource()
    {
        var pod = Defaulted(new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "c",
                    Image = "nginx",
                    Resources = new ResourceRequirements
                    {
                        Limits = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("1Gi") },
                        Requests = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("250m") },
                    },
                },
            ],
        });
        var requests = pod.Spec!.Containers![0].Resources!.Requests!;
        Assert.Equal(("250m", "1Gi"), (requests["cpu"].ToString(), requests["memory"].ToString()));
    }

    [Fact]
    public void Volumes_get_an_emptyDir_when_sourceless_and_file_modes_0644()
    {
        var pod = Defaulted(new PodSpec
        {
            Volumes =
            [
                new Volume { Name = "scratch" },
                new Volume { Name = "s", Secret = new SecretVolumeSource { SecretName = "ceph-secret" } },
                new Volume { Name = "c", ConfigMap = new ConfigMapVolumeSource { Name = "c1", DefaultMode = 256 } },
                new Volume { Name = "d", DownwardAPI = new DownwardApiVolumeSource { Items = [new DownwardApiVolumeFile { Path = "l", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels" } }] } },
                new Volume { Name = "h", HostPath = new HostPathVolumeSource { Path = "/etc/kubernetes" } },
                new Volume { Name = "r", Rbd = new RbdVolumeSource { Monitors = ["m:6789"], Image = "img" } },
            ],
        });
        var v = pod.Spec!.Volumes!;
        Assert.NotNull(v[0].EmptyDir);
        Assert.Equal((420, 256, 420), (v[1].Secret!.DefaultMode, v[2].ConfigMap!.DefaultMode, v[3].DownwardAPI!.DefaultMode));
        Assert.Equal("v1", v[3].DownwardAPI!.Items![0].FieldRef!.ApiVersion);
        Assert.Equal("", v[4].HostPath!.Type);
        Assert.Equal(("rbd", "admin", "/etc/ceph/keyring"), (v[5].Rbd!.Pool, v[5].Rbd!.User, v[5].Rbd!.Keyring));
    }

    [Fact]
    public void Probes_get_their_timing_defaults_and_http_path_and_scheme()
    {
        var pod = Defaulted(new PodSpec
        {
            Containers = [new Container { Name = "c", Image = "nginx", LivenessProbe = new JsonObject { ["httpGet"] = new JsonObject { ["port"] = 80 }, ["periodSeconds"] = 0 } }],
        });
        Assert.Equal(
            """{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"periodSeconds":10,"timeoutSeconds":1,"successThreshold":1,"failureThreshold":3}""",
            pod.Spec!.Containers![0].LivenessProbe!.ToJsonString());
    }

    [Fact]
    public void A_node_gets_allocatable_from_capacity()
    {
        var capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4") };
        var node = ApiDefaults.Apply(new Node { Status = new NodeStatus { Capacity = capacity } });
        Assert.Equal("4", node.Status!.Allocatable!["cpu"].ToString());
        var given = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("3500m") };
        Assert.Same(given, ApiDefaults.Apply(new Node { Status = new NodeStatus { Capacity = capacity, Allocatable = given } }).Status!.Allocatable);
    }

    [Theory]
    [InlineData(null, null, null, null, "BestEffort")]
    [InlineData("100m", null, null, null, "Burstable")]
    [InlineData("1", "1Gi", "1", "1Gi", "Guaranteed")]
    [InlineData("500m", "1Gi", "1", "1Gi", "Burstable")]
    [InlineData(null, null, "1", null, "Burstable")]
    public void The_QoS_class_follows_cpu_and_memory_requests_and_limits(string? cpuRequest, string? memoryRequest, string? cpuLimit, string? memoryLimit, string qos)
    {
        static Dictionary<string, Quantity> Of(string? cpu, string? memory)
        {
            var d = new Dictionary<string, Quantity>();
            if (cpu is not null) d["cpu"] = Quantity.Parse(cpu);
            if (memory is not null) d["memory"] = Quantity.Parse(memory);
            return d;
        }
        var container = new Container { Name = "c", Resources = new ResourceRequirements { Requests = Of(cpuRequest, memoryRequest), Limits = Of(cpuLimit, memoryLimit) } };
        Assert.Equal(qos, PodQos.Compute(new PodSpec { Containers = [container] }));
    }

    [Fact]
    public void Guaranteed_needs_every_container_limited()
    {
        var limited = new Container
        {
            Name = "a",
            Resources = new ResourceRequirements { Limits = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("1Gi") } },
        };
        var defaulted = ApiDefaults.Apply(new Pod { Spec = new PodSpec { Containers = [limited] } }).Spec!;
        Assert.Equal("Guaranteed", PodQos.Compute(defaulted));
        Assert.Equal("Burstable", PodQos.Compute(defaulted with { Containers = [.. defaulted.Containers!, new Container { Name = "b" }] }));
    }
}
