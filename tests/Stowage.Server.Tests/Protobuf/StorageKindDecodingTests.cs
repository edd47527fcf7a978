using Stowage.Server.Protobuf;

namespace Stowage.Server.Tests.Protobuf;

/// <summary>PersistentVolumeClaim and PersistentVolume, as a CSI provisioner sending protobuf writes them.</summary>
public sealed class StorageKindDecodingTests
{
    // 2024-01-02T03:04:05Z
    private const long JanuarySeconds = 1_704_164_645;

    [Fact]
    public void Claim_spec_renders_selector_resources_class_mode_and_data_source()
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolumeClaim", pvc => pvc
            .Message(1, m => m.String(1, "claim1").String(3, "default").StringEntry(11, "app", "web"))
            .Message(2, spec => spec
                .String(1, "ReadWriteOnce")
                .Message(2, r => r.QuantityEntry(2, "storage", "1Gi"))
                .String(3, "")
                .Message(4, sel => sel
                    .StringEntry(1, "tier", "gold")
                    .Message(2, req => req.String(1, "zone").String(2, "In").String(3, "a").String(3, "b")))
                .String(5, "standard")
                .String(6, "Filesystem")
                .Message(7, ds => ds.String(2, "PersistentVolumeClaim").String(3, "src")))
            .Message(3, status => status.String(1, "Pending")));

        Assert.Equal(
            """
            {"kind":"PersistentVolumeClaim","apiVersion":"v1","metadata":{"name":"claim1","namespace":"default","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"accessModes":["ReadWriteOnce"],"selector":{"matchLabels":{"tier":"gold"},"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]}]},"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"standard","volumeMode":"Filesystem","dataSource":{"kind":"PersistentVolumeClaim","name":"src"}},"status":{"phase":"Pending"}}
            """,
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Claim_with_an_empty_spec_still_has_resources_and_status_objects()
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolumeClaim", pvc => pvc.Message(1, m => m.String(1, "c")));

        Assert.Equal(
            """{"kind":"PersistentVolumeClaim","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"spec":{"resources":{}},"status":{}}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Fact]
    public void Bound_claim_status_renders_capacity_and_conditions_with_null_probe_time()
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolumeClaim", pvc => pvc
            .Message(2, spec => spec.String(3, "pv-1").String(5, ""))
            .Message(3, status => status
                .String(1, "Bound")
                .String(2, "ReadWriteOnce")
                .QuantityEntry(3, "storage", "2Gi")
                .Message(4, c => c.String(1, "Resizing").String(2, "True").Time(4, JanuarySeconds))
                .QuantityEntry(5, "storage", "2Gi")
                .StringEntry(7, "storage", "ControllerResizeInProgress")));

        var json = KubernetesProtobufDecoder.Decode(body);

        // storageClassName "" was set explicitly: a pointer to "" is kept, it means "no class".
        Assert.Equal("""{"resources":{},"volumeName":"pv-1","storageClassName":""}""", JsonText.Of(json["spec"]!));
        Assert.Equal(
            """{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"2Gi"},"conditions":[{"type":"Resizing","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-01-02T03:04:05Z"}],"allocatedResources":{"storage":"2Gi"},"allocatedResourceStatuses":{"storage":"ControllerResizeInProgress"}}""",
            JsonText.Of(json["status"]!));
    }

    [Fact]
    public void Csi_volume_source_is_inlined_into_the_persistent_volume_spec()
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolume", pv => pv
            .Message(1, m => m.String(1, "pv-1").StringEntry(12, "pv.kubernetes.io/provisioned-by", "hostpath.csi.k8s.io"))
            .Message(2, spec => spec
                .QuantityEntry(1, "storage", "5Gi")
                .Message(2, source => source.Message(22, csi => csi
                    .String(1, "hostpath.csi.k8s.io")
                    .String(2, "vol-1")
                    .String(4, "ext4")
                    .StringEntry(5, "storage.kubernetes.io/csiProvisionerIdentity", "123")
                    .Message(7, r => r.String(1, "stage").String(2, "kube-system"))))
                .String(3, "ReadWriteOnce")
                .Message(4, claim => claim.String(1, "PersistentVolumeClaim").String(2, "default").String(3, "claim1").String(4, "uid-1"))
                .String(5, "Delete")
                .String(6, "standard")
                .String(7, "noatime")
                .String(8, "Filesystem")
                .Message(9, affinity => affinity.Message(1, sel => sel.Message(1, term => term
                    .Message(1, req => req.String(1, "kubernetes.io/hostname").String(2, "In").String(3, "node1"))))))
            .Message(3, status => status.String(1, "Bound").Time(4, JanuarySeconds)));

        Assert.Equal(
            """
            {"kind":"PersistentVolume","apiVersion":"v1","metadata":{"name":"pv-1","creationTimestamp":null,"annotations":{"pv.kubernetes.io/provisioned-by":"hostpath.csi.k8s.io"}},"spec":{"capacity":{"storage":"5Gi"},"csi":{"driver":"hostpath.csi.k8s.io","volumeHandle":"vol-1","fsType":"ext4","volumeAttributes":{"storage.kubernetes.io/csiProvisionerIdentity":"123"},"nodeStageSecretRef":{"name":"stage","namespace":"kube-system"}},"accessModes":["ReadWriteOnce"],"claimRef":{"kind":"PersistentVolumeClaim","namespace":"default","name":"claim1","uid":"uid-1"},"persistentVolumeReclaimPolicy":"Delete","storageClassName":"standard","mountOptions":["noatime"],"volumeMode":"Filesystem","nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/hostname","operator":"In","values":["node1"]}]}]}}},"status":{"phase":"Bound","lastPhaseTransitionTime":"2024-01-02T03:04:05Z"}}
            """,
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)));
    }

    [Theory]
    [InlineData(3, """{"hostPath":{"path":"/srv/pv"}}""")]
    [InlineData(5, """{"nfs":{"server":"/srv/pv","path":""}}""")]
    [InlineData(20, """{"local":{"path":"/srv/pv"}}""")]
    public void Persistent_volume_sources_render_required_fields_even_when_empty(int sourceField, string expectedSpec)
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolume", pv => pv
            .Message(2, spec => spec.Message(2, source => source.Message(sourceField, s => s.String(1, "/srv/pv")))));

        Assert.Equal(expectedSpec, JsonText.Of(KubernetesProtobufDecoder.Decode(body)["spec"]!));
    }

    [Fact]
    public void Iscsi_source_keeps_lun_zero_because_go_does_not_omit_it()
    {
        var body = ProtoWriter.Envelope("v1", "PersistentVolume", pv => pv
            .Message(2, spec => spec.Message(2, source => source.Message(7, i => i
                .String(1, "10.0.0.1:3260").String(2, "iqn.2024-01.example:disk").Int(3, 0).String(7, "10.0.0.2:3260")
                .Message(10, secret => secret.String(1, "chap"))))));

        Assert.Equal(
            """{"iscsi":{"targetPortal":"10.0.0.1:3260","iqn":"iqn.2024-01.example:disk","lun":0,"portals":["10.0.0.2:3260"],"secretRef":{"name":"chap"}}}""",
            JsonText.Of(KubernetesProtobufDecoder.Decode(body)["spec"]!));
    }
}
