using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;

namespace Stowage.Api.Tests.Validation;

/// <summary>Small valid pods and nodes, defaulted as the server stores them, that each case bends in one place.</summary>
internal static class PodFixtures
{
    /// <summary>test-pd of seed 002: two busybox containers sharing the emptyDir cache-volume.</summary>
    public static Pod TestPd() => ApiDefaults.Apply(new Pod
    {
        Metadata = new ObjectMeta { Name = "test-pd", Namespace = "default" },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "test-conta",
                    Image = "busybox",
                    Args = ["/bin/sh", "-c", "echo \"hello world\" > /cache/hello ; sleep 3000"],
                    VolumeMounts = [new VolumeMount { Name = "cache-volume", MountPath = "/cache" }],
                },
                new Container
                {
                    Name = "read-conta",
                    Image = "busybox",
                    Args = ["/bin/sh", "-c", "cat /cache/hello; sleep 3000"],
                    VolumeMounts = [new VolumeMount { Name = "cache-volume", MountPath = "/cache" }],
                },
            ],
            Volumes = [new Volume { Name = "cache-volume", EmptyDir = new EmptyDirVolumeSource() }],
        },
    });

    public static Pod Spec(this Pod pod, Func<PodSpec, PodSpec> change) => ApiDefaults.Apply(pod with { Spec = change(pod.Spec!) });

    /// <summary>Changes the first container.</summary>
    public static Pod First(this Pod pod, Func<Container, Container> change) =>
        pod.Spec(s => s with { Containers = [change(s.Containers![0]), .. s.Containers.Skip(1)] });

    /// <summary>Replaces the volumes.</summary>
    public static Pod Volumes(this Pod pod, params Volume[] volumes) => pod.Spec(s => s with { Volumes = volumes });

    /// <summary>The stored form: a resourceVersion, a uid and the create-time status.</summary>
    public static Pod Stored(this Pod pod) => pod with
    {
        Metadata = pod.Metadata with { ResourceVersion = "7", Uid = "9d1f" },
        Status = new PodStatus { Phase = "Pending", QosClass = "BestEffort" },
    };

    public static Quantity Q(string text) => Quantity.Parse(text);

    /// <summary>A ready node, as a node agent registers it.</summary>
    public static Node Node1() => ApiDefaults.Apply(new Node
    {
        Metadata = new ObjectMeta { Name = "node-1" },
        Spec = new NodeSpec { PodCIDR = "10.244.0.0/24", PodCIDRs = ["10.244.0.0/24"], ProviderID = "stowage://node-1" },
        Status = new NodeStatus
        {
            Capacity = new Dictionary<string, Quantity> { ["cpu"] = Q("4"), ["memory"] = Q("8Gi"), ["pods"] = Q("110") },
            Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.1.10" }],
        },
    });

    public static Node Stored(this Node node) => node with { Metadata = node.Metadata with { ResourceVersion = "3", Uid = "n1" } };
}
