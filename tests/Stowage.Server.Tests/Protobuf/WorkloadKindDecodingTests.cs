using Stowage.Server.Protobuf;

namespace Stowage.Server.Tests.Protobuf;

/// <summary>Pod, Event, Endpoints and Node, as typed Go clients (kubelet, controllers) write them.</summary>
public sealed class WorkloadKindDecodingTests
{
    // 2024-01-02T03:04:05Z
    private const long JanuarySeconds = 1_704_164_645;

    [Fact]
    public void Pod_spec_renders_containers_volumes_probes_and_security_context()
    {
        var body = ProtoWriter.Envelope("v1", "Pod", pod => pod
            .Message(1, m => m.String(1, "web").String(3, "default"))
            .Message(2, spec => spec
                .Message(1, v => v.String(1, "data").Message(2, src => src.Message(10, c => c.String(1, "claim1"))))
                .Message(1, v => v.String(1, "cfg").Message(2, src => src.Message(19, c => c.Message(1, r => r.String(1, "app-config")).Int(3, 420))))
                .Message(1, v => v.String(1, "scratch").Message(2, src => src.Message(2, e => e.Message(2, q => q.String(1, "1Gi")))))
                .Message(2, c => c
                    .String(1, "app")
                    .String(2, "busybox")
                    .String(3, "sh").String(3, "-c").String(3, "sleep 3600")
                    .Message(6, p => p.String(1, "http").Int(3, 8080).String(4, "TCP"))
                    .Message(7, e => e.String(1, "MODE").String(2, "prod"))
                    .Message(7, e => e.String(1, "POD").Message(3, from => from.Message(1, f => f.String(2, "metadata.name"))))
                    .Message(8, r => r.QuantityEntry(1, "cpu", "500m").QuantityEntry(1, "memory", "128Mi"))
                    .Message(9, vm => vm.String(1, "data").String(3, "/data"))
                    .Message(10, probe => probe.Message(1, h => h.Message(3, tcp => tcp.Message(1, port => port.Int(1, 1).String(3, "http")))))
                    .Message(11, probe => probe.Message(1, h => h.Message(2, get => get.String(1, "/healthz").Message(2, port => port.Int(2, 8080)))).Int(4, 5))
                    .Message(15, sc => sc.Bool(6, true).Message(1, caps => caps.String(2, "ALL"))))
                .Message(2, c => c.String(1, "sidecar"))
                .String(3, "Always")
                .Int(4, 30)
                .StringEntry(7, "disk", "ssd")
                .Message(14, psc => psc.Int(2, 1000).Message(4, g => g.Raw(0x90, 0x4e, 0xa0, 0x9c, 0x01)).Int(5, 2000))
                .Message(22, t => t.String(1, "node.kubernetes.io/not-ready").String(2, "Exists").String(4, "NoExecute").Int(5, 300)))
            .Message(3, status => status
                .String(1, "Running")
                .String(6, "10.1.0.7")
                .Time(7, JanuarySeconds)
                .Message(8, cs => cs
                    .String(1, "app")
                    .Message(2, state => state.Message(2, running => running.Time(1, JanuarySeconds)))
                    .Bool(4, true)
                    .String(6, "busybox:latest")
                    .String(7, "sha256:abc"))));

        var json = KubernetesProtobufDecoder.Decode(body);

        Assert.Equal(
            """
            {"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"claim1"}},{"name":"cfg","configMap":{"name":"app-config","defaultMode":420}},{"name":"scratch","emptyDir":{"sizeLimit":"1Gi"}}],"containers":[{"name":"app","image":"busybox","command":["sh","-c","sleep 3600"],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"env":[{"name":"MODE","value":"prod"},{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"}},"volumeMounts":[{"name":"data","mountPath":"/data"}],"livenessProbe":{"tcpSocket":{"port":"http"}},"readinessProbe":{"httpGet":{"path":"/healthz","port":8080},"periodSeconds":5},"securityContext":{"capabilities":{"drop":["ALL"]},"readOnlyRootFilesystem":true}},{"name":"sidecar","resources":{}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"nodeSelector":{"disk":"ssd"},"securityContext":{"runAsUser":1000,"supplementalGroups":[10000,20000],"fsGroup":2000},"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]}
            """,
            JsonText.Of(json["spec"]!));
        Assert.Equal(
            """{"phase":"Running","podIP":"10.1.0.7","startTime":"2024-01-02T03:04:05Z","containerStatuses":[{"name":"app","state":{"running":{"startedAt":"2024-01-02T03:04:05Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"busybox:latest","imageID":"sha256:abc"}]}""",
            JsonText.Of(json["status"]!));
    }

    [Fact]
    public void Pod_without_containers_renders_containers_as_null_like_a_nil_go_slice()
    {
        var body = ProtoWriter.Envelope("v1", "Pod", pod => pod.Message(1, m => m.String(1, "p")));

        Assert.Equal(
            """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","creationTimestamp":null},"spec":{"containers":null},"status":{}}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Repeated_int64_decodes_both_packed_and_one_value_per_field()
    {
        var packed = ProtoWriter.Envelope("v1", "Pod", pod => pod.Message(2, spec => spec
            .Message(14, psc => psc.Message(4, g => g.Raw(0x01, 0x02, 0x03)))));
        var unpacked = ProtoWriter.Envelope("v1", "Pod", pod => pod.Message(2, spec => spec
            .Message(14, psc => psc.Int(4, 1).Int(4, 2).Int(4, 3))));

        Assert.Equal("[1,2,3]", JsonText.Of(KubernetesProtobufDecoder.Decode(packed)["spec"]!["securityContext"]!["supplementalGroups"]!));
        Assert.Equal("[1,2,3]", JsonText.Of(KubernetesProtobufDecoder.Decode(unpacked)["spec"]!["securityContext"]!["supplementalGroups"]!));
    }

    [Fact]
    public void Event_renders_times_source_and_always_present_reporting_fields()
    {
        var body = ProtoWriter.Envelope("v1", "Event", e => e
            .Message(1, m => m.String(1, "claim1.17a").String(3, "default"))
            .Message(2, o => o.String(1, "PersistentVolumeClaim").String(2, "default").String(3, "claim1").String(4, "uid-1").String(5, "v1").String(6, "42"))
            .String(3, "ProvisioningSucceeded")
            .String(4, "Successfully provisioned volume pv-1")
            .Message(5, s => s.String(1, "stowage-provisioner"))
            .Time(6, JanuarySeconds)
            .Time(7, JanuarySeconds)
            .Int(8, 1)
            .String(9, "Normal")
            .Time(10, JanuarySeconds, nanos: 123_456_789));

        Assert.Equal(
            """
            {"kind":"Event","apiVersion":"v1","metadata":{"name":"claim1.17a","namespace":"default","creationTimestamp":null},"involvedObject":{"kind":"PersistentVolumeClaim","namespace":"default","name":"claim1","uid":"uid-1","apiVersion":"v1","resourceVersion":"42"},"reason":"ProvisioningSucceeded","message":"Successfully provisioned volume pv-1","source":{"component":"stowage-provisioner"},"firstTimestamp":"2024-01-02T03:04:05Z","lastTimestamp":"2024-01-02T03:04:05Z","count":1,"type":"Normal","eventTime":"2024-01-02T03:04:05.123456Z","reportingComponent":"","reportingInstance":""}
            """,
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Endpoints_render_addresses_in_go_order_and_ports()
    {
        var body = ProtoWriter.Envelope("v1", "Endpoints", ep => ep
            .Message(1, m => m.String(1, "svc"))
            .Message(2, subset => subset
                .Message(1, a => a.String(1, "10.1.0.7").Message(2, t => t.String(1, "Pod").String(3, "web")).String(4, "node1"))
                .Message(2, a => a.String(1, "10.1.0.8"))
                .Message(3, p => p.String(1, "http").Int(2, 8080).String(3, "TCP").String(4, "kubernetes.io/h2c"))));

        Assert.Equal(
            """{"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"svc","creationTimestamp":null},"subsets":[{"addresses":[{"ip":"10.1.0.7","nodeName":"node1","targetRef":{"kind":"Pod","name":"web"}}],"notReadyAddresses":[{"ip":"10.1.0.8"}],"ports":[{"name":"http","port":8080,"protocol":"TCP","appProtocol":"kubernetes.io/h2c"}]}]}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Node_status_renders_capacity_conditions_daemon_port_and_node_info()
    {
        var body = ProtoWriter.Envelope("v1", "Node", node => node
            .Message(1, m => m.String(1, "node1"))
            .Message(2, spec => spec
                .String(1, "10.1.0.0/24")
                .Bool(4, true)
                .Message(5, t => t.String(1, "node.kubernetes.io/unschedulable").String(3, "NoSchedule").Time(4, JanuarySeconds)))
            .Message(3, status => status
                .QuantityEntry(1, "cpu", "2")
                .QuantityEntry(1, "memory", "4Gi")
                .QuantityEntry(2, "cpu", "1900m")
                .Message(4, c => c.String(1, "Ready").String(2, "True").Time(3, JanuarySeconds).Time(4, JanuarySeconds).String(5, "KubeletReady"))
                .Message(5, a => a.String(1, "InternalIP").String(2, "10.0.0.5"))
                .Message(6, d => d.Message(1, k => k.Int(1, 10250)))
                .Message(7, info => info.String(1, "m-1").String(4, "6.1.0").String(7, "v1.32.4").String(9, "linux").String(10, "amd64"))
                .Message(8, img => img.String(1, "busybox:latest").Int(2, 4_000_000))));

        Assert.Equal(
            """
            {"kind":"Node","apiVersion":"v1","metadata":{"name":"node1","creationTimestamp":null},"spec":{"podCIDR":"10.1.0.0/24","unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule","timeAdded":"2024-01-02T03:04:05Z"}]},"status":{"capacity":{"cpu":"2","memory":"4Gi"},"allocatable":{"cpu":"1900m"},"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2024-01-02T03:04:05Z","lastTransitionTime":"2024-01-02T03:04:05Z","reason":"KubeletReady"}],"addresses":[{"type":"InternalIP","address":"10.0.0.5"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},"nodeInfo":{"machineID":"m-1","systemUUID":"","bootID":"","kernelVersion":"6.1.0","osImage":"","containerRuntimeVersion":"","kubeletVersion":"v1.32.4","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"},"images":[{"names":["busybox:latest"],"sizeBytes":4000000}]}}
            """,
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }
}
