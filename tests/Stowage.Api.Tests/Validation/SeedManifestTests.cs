using System.Text.Json;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Storage;
using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>
/// The PV, PVC, StorageClass, Endpoints and Secret manifests shown in the seed documents
/// (shared/seeds/*.txt), decoded through the API's JSON contract, defaulted as the server does,
/// and validated. The documents are OCR'd book pages: where a manifest is garbled (full-width
/// colons, "vl" for "v1", lost indentation, "192.168.122 . 221", "-192.168..."), the intended
/// manifest is used and the repair is noted. Two manifests are wrong as printed, and Kubernetes
/// rejects them too; those are asserted with Kubernetes' causes.
/// </summary>
public sealed class SeedManifestTests
{
    private static readonly Dictionary<string, string> Volumes = new()
    {
        // 000 "创建持久化卷" and 001 §5.4 (server "192.168.1.x" is not checked by Kubernetes either).
        ["000 pv0001 NFS /export/pv0001"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0001"},"spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteOnce"],"nfs":{"path":"/export/pv0001","server":"192.168.172.167"},"persistentVolumeReclaimPolicy":"Retain"}}""",
        ["001 pv0001 NFS /exports/pv0001"] = """{ "apiVersion": "v1", "kind": "PersistentVolume", "metadata":{ "name": "pv0001" }, "spec": { "capacity": { "storage": "5Gi" }, "accessModes" : ["ReadWriteOnce"], "nfs": { "path": "/exports/pv0001", "server": "192.168.1.x" }, "persistentVolumeReclaimPolicy": "Retain" } }""",
        ["001 pv0002 NFS, labelled disktype=ssd"] = """{ "apiVersion": "v1", "kind": "PersistentVolume", "metadata":{ "name": "pv0002", "labels": {"disktype": "ssd"} }, "spec": { "capacity": { "storage": "5Gi" }, "accessModes" : ["ReadWriteOnce"], "nfs": { "path": "/exports/pv0002", "server": "10.16.3.35" }, "persistentVolumeReclaimPolicy": "Retain" } }""",
        // 000 NFS section: indentation of accessModes/nfs restored under spec.
        ["000 pv0001 NFS /tmp Recycle"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0001"},"spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteOnce"],"nfs":{"path":"/tmp","server":"172.17.0.2"},"persistentVolumeReclaimPolicy":"Recycle"}}""",
        // 000 GlusterFS section.
        ["000 gluster-default-volume"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"gluster-default-volume"},"spec":{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteMany"],"glusterfs":{"endpoints":"glusterfs-cluster","path":"myVol1","readOnly":false},"persistentVolumeReclaimPolicy":"Retain"}}""",
        // 000 Ceph section: "apiVersion: vl" and "-192.168.122.133:6789" repaired.
        ["000 ceph-pv RBD with secretRef"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"ceph-pv"},"spec":{"capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce"],"rbd":{"monitors":["192.168.122.133:6789"],"pool":"rbd","image":"ceph-image","user":"admin","secretRef":{"name":"ceph-secret"},"fsType":"ext4","readOnly":false},"persistentVolumeReclaimPolicy":"Recycle"}}""",
        // 000 OpenStack Cinder section.
        ["000 pv0001 Cinder"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv0001"},"spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteOnce"],"cinder":{"fsType":"ext3","volumeID":"f37a03aa-6212-4c62-a805-9ce139fab18"}}}""",
        // 002 nfs-pv1.yml and mysql-pv.yml.
        ["002 mypv1 NFS class nfs"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"mypv1"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Retain","storageClassName":"nfs","nfs":{"path":"/data/pv1","server":"10.0.0.83"}}}""",
        ["002 mysql-pv"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"mysql-pv"},"spec":{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"1Gi"},"persistentVolumeReclaimPolicy":"Retain","storageClassName":"nfs","nfs":{"path":"/data/mysql-pv","server":"10.0.0.83"}}}""",
        // 002 shows hostPath volumes of /etc/kubernetes, /etc/ssl/certs, /etc/pki in a pod; as a PV:
        ["002 hostPath /etc/kubernetes"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"k8s"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/etc/kubernetes"}}}""",
        // 003 6.5.2 as intended ("accessMode", "ReadWriteOnce:" and "retain" repaired).
        ["003 pv1 GCE persistent disk"] = """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce","ReadOnlyMany"],"persistentVolumeReclaimPolicy":"Retain","gcePersistentDisk":{"pdName":"gced","fsType":"ext4"}}}""",
    };

    private static readonly Dictionary<string, string> Claims = new()
    {
        ["000 claim1"] = """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"claim1"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}}}}""",
        ["000/001 docker-registry-claim"] = """{ "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata":{ "name": "docker-registry-claim" }, "spec": { "accessModes" : ["ReadWriteOnce"], "resources": { "requests": { "storage": "3Gi" } } } }""",
        ["001 pvc0002 with matchLabels"] = """{ "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata":{ "name": "pvc0002", "creationTimestamp": null }, "spec": { "accessModes" : ["ReadWriteOnce"], "selector": { "matchLabels":{ "disktype": "ssd" } }, "resources": { "requests": { "storage": "1Gi" } } }, "status": {} }""",
        // 000 and 001 §4.5: the matchExpressions example ("evn" kept as printed; it is a valid key).
        ["000 claim with matchExpressions"] = """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"pvc0003"},"spec":{"accessModes":["ReadWriteOnce"],"selector":{"matchExpressions":[{"key":"region","operator":"In","values":["shenzhen"]},{"key":"evn","operator":"NotIn","values":["testing"]}]},"resources":{"requests":{"storage":"1Gi"}}}}""",
        ["002 mypvc1 class nfs"] = """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"mypvc1"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"nfs"}}""",
        ["002 mysql-pvc"] = """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"mysql-pvc"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"nfs"}}""",
    };

    private static readonly Dictionary<string, string> Classes = new()
    {
        ["002 standard aws-ebs Retain"] = """{"kind":"StorageClass","apiVersion":"storage.k8s.io/v1","metadata":{"name":"standard"},"provisioner":"kubernetes.io/aws-ebs","parameters":{"type":"gp2"},"reclaimPolicy":"Retain"}""",
        ["002 slow gce-pd"] = """{"kind":"StorageClass","apiVersion":"storage.k8s.io/v1","metadata":{"name":"slow"},"provisioner":"kubernetes.io/gce-pd","parameters":{"type":"pd-standard","replication-type":"none"}}""",
    };

    public static TheoryData<string> VolumeNames => new(Volumes.Keys);

    public static TheoryData<string> ClaimNames => new(Claims.Keys);

    public static TheoryData<string> ClassNames => new(Classes.Keys);

    [Theory]
    [MemberData(nameof(VolumeNames))]
    public void Seed_volume_is_valid_after_defaulting(string name)
    {
        var pv = ApiDefaults.Apply(JsonSerializer.Deserialize(Volumes[name], ApiJsonContext.Default.PersistentVolume)!);
        Causes.AssertNone(PersistentVolumeValidation.Validate(pv));
    }

    [Theory]
    [MemberData(nameof(ClaimNames))]
    public void Seed_claim_is_valid_after_defaulting(string name)
    {
        var pvc = JsonSerializer.Deserialize(Claims[name], ApiJsonContext.Default.PersistentVolumeClaim)!;
        // The namespace comes from the request path (oc/kubectl's current project).
        pvc = ApiDefaults.Apply(pvc with { Metadata = pvc.Metadata with { Namespace = "default" } });
        Causes.AssertNone(PersistentVolumeClaimValidation.Validate(pvc));
    }

    [Theory]
    [MemberData(nameof(ClassNames))]
    public void Seed_storage_class_is_valid_after_defaulting(string name)
    {
        var sc = ApiDefaults.Apply(JsonSerializer.Deserialize(Classes[name], ApiJsonContext.Default.StorageClass)!);
        Causes.AssertNone(StorageClassValidation.Validate(sc));
    }

    [Fact]
    public void Seed_gluster_endpoints_and_ceph_secret_are_valid_after_defaulting()
    {
        // 000: "192.168.122 . 221" repaired to 192.168.122.221; ports get protocol TCP by default.
        var endpoints = JsonSerializer.Deserialize(
            """{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"glusterfs-cluster","namespace":"default"},"subsets":[{"addresses":[{"ip":"192.168.122.221"}],"ports":[{"port":1}]},{"addresses":[{"ip":"192.168.122.222"}],"ports":[{"port":1}]}]}""",
            ApiJsonContext.Default.Endpoints)!;
        Causes.AssertNone(EndpointsValidation.Validate(ApiDefaults.Apply(endpoints)));

        var secret = JsonSerializer.Deserialize(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"ceph-secret","namespace":"default"},"data":{"key":"QVFBOFF2SlZheUJQRVJBQWgvS2cwTllaQUhPQno3akZwekxxdGc9PQ=="}}""",
            ApiJsonContext.Default.Secret)!;
        Causes.AssertNone(SecretValidation.Validate(ApiDefaults.Apply(secret)));
    }

    [Fact]
    public void Seed_volume_named_1Gi_is_rejected_as_Kubernetes_would()
    {
        // 000 "供给": metadata.name "1Gi" is not a lowercase RFC 1123 subdomain.
        var pv = ApiDefaults.Apply(JsonSerializer.Deserialize(
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"1Gi"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"nfs":{"path":"/var/export/pvs/${volume}","server":"192.168.0.254"},"persistentVolumeReclaimPolicy":"Retain"}}""",
            ApiJsonContext.Default.PersistentVolume)!);
        Causes.AssertExactly(PersistentVolumeValidation.Validate(pv), "metadata.name: Invalid value: \"1Gi\": " + Messages.Subdomain);
    }

    [Fact]
    public void Seed_GCE_volume_as_printed_is_rejected_as_Kubernetes_would()
    {
        // 003 6.5.2 verbatim: "accessMode" is not a field (dropped by the decoder) and "retain" is
        // not a policy (they are case-sensitive).
        var pv = ApiDefaults.Apply(JsonSerializer.Deserialize(
            """{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"1Gi"},"accessMode":[{"ReadWriteOnce":null},{"ReadOnlyMany":null}],"persistentVolumeReclaimPolicy":"retain","gcePersistentDisk":{"pdName":"gced","fsType":"ext4"}}}""",
            ApiJsonContext.Default.PersistentVolume)!);
        Causes.AssertExactly(PersistentVolumeValidation.Validate(pv),
            "spec.accessModes: Required value",
            "spec.persistentVolumeReclaimPolicy: Unsupported value: \"retain\": supported values: \"Delete\", \"Recycle\", \"Retain\"");
    }
}
