using System.Text.Json.Nodes;
using Stowage.KubectlVolume.Listing;

namespace Stowage.KubectlVolume.Tests;

public sealed class VolumeListerTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static (string Out, string Err, string? Error) List(JsonObject spec, IReadOnlyDictionary<string, ClaimState>? claims = null, string? name = null, string containers = "*")
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var errors = new StringWriter { NewLine = "\n" };
        var error = VolumeLister.Write(output, errors, "deployments/docker-registry", spec, name, containers, claims ?? new Dictionary<string, ClaimState>());
        return (output.ToString(), errors.ToString(), error);
    }

    private static readonly JsonObject Registry = Obj("""
        {"containers":[{"name":"registry","volumeMounts":[{"name":"registry-storage","mountPath":"/registry"}]}],
         "volumes":[{"name":"registry-storage","emptyDir":{}}]}
        """);

    [Fact]
    public void Lists_the_seed_registry_with_its_empty_directory()
    {
        Assert.Equal("deployments/docker-registry\n  empty directory as registry-storage\n    mounted at /registry\n", List(Registry).Out);
    }

    [Fact]
    public void A_bound_claim_shows_its_allocated_capacity()
    {
        var spec = Obj("""
            {"containers":[{"name":"registry","volumeMounts":[{"name":"registry-storage","mountPath":"/registry"}]}],
             "volumes":[{"name":"registry-storage","persistentVolumeClaim":{"claimName":"docker-registry-claim"}}]}
            """);
        var claim = Obj("""{"spec":{"volumeName":"pv0001","resources":{"requests":{"storage":"3Gi"}}},"status":{"capacity":{"storage":"10Gi"}}}""");
        var (output, _, _) = List(spec, new Dictionary<string, ClaimState> { ["docker-registry-claim"] = new(claim, null) });
        Assert.Equal("deployments/docker-registry\n  pvc/docker-registry-claim (allocated 10GiB) as registry-storage\n    mounted at /registry\n", output);
    }

    [Theory]
    [InlineData("""{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}""", "waiting for 1GiB allocation")]
    [InlineData("""{"spec":{}}""", "waiting to allocate")]
    [InlineData("""{"spec":{"volumeName":"pv1"}}""", "allocated unknown size")]
    public void Unbound_claims_are_described_as_oc_does(string claim, string expected) =>
        Assert.Equal(expected, VolumeDescriber.DescribeClaim(Obj(claim)));

    [Fact]
    public void A_missing_claim_says_it_does_not_exist_and_a_failed_read_goes_to_stderr()
    {
        var spec = Obj("""{"containers":[{"name":"c"}],"volumes":[{"name":"a","persistentVolumeClaim":{"claimName":"gone","readOnly":true}},{"name":"b","persistentVolumeClaim":{"claimName":"hidden"}}]}""");
        var (output, err, _) = List(spec, new Dictionary<string, ClaimState>
        {
            ["gone"] = ClaimState.NotFound,
            ["hidden"] = new(null, "Error from server (Forbidden): no"),
        });
        Assert.Equal("deployments/docker-registry\n  pvc/gone read-only (does not exist) as a\n  pvc/hidden as b\n", output);
        Assert.Equal("error: unable to retrieve persistent volume claim hidden referenced in deployments/docker-registry: Error from server (Forbidden): no\n", err);
    }

    [Fact]
    public void With_several_containers_each_mount_names_its_container()
    {
        var spec = Obj("""
            {"containers":[{"name":"test-conta","volumeMounts":[{"name":"cache-volume","mountPath":"/cache"}]},
                           {"name":"read-conta","volumeMounts":[{"name":"cache-volume","mountPath":"/cache"}]}],
             "volumes":[{"name":"cache-volume","emptyDir":{}}]}
            """);
        Assert.Equal("deployments/docker-registry\n  empty directory as cache-volume\n    mounted at /cache in container test-conta\n    mounted at /cache in container read-conta\n",
            List(spec).Out);
        Assert.Equal("deployments/docker-registry\n  empty directory as cache-volume\n    mounted at /cache in container read-conta\n",
            List(spec, containers: "read-*").Out);
    }

    [Fact]
    public void A_name_selects_one_volume_and_an_unknown_name_is_an_error()
    {
        Assert.Equal("deployments/docker-registry\n  empty directory as registry-storage\n    mounted at /registry\n", List(Registry, name: "registry-storage").Out);
        var (output, _, error) = List(Registry, name: "nope");
        Assert.Equal("deployments/docker-registry\n", output);
        Assert.Equal("volume \"nope\" not found", error);
    }

    [Theory]
    [InlineData("""{"hostPath":{"path":"/srv/registry","type":"Directory"}}""", "host path /srv/registry")]
    [InlineData("""{"nfs":{"server":"192.168.1.5","path":"/exports/pv0001"}}""", "NFS 192.168.1.5:/exports/pv0001")]
    [InlineData("""{"nfs":{"server":"nfs","path":"/x","readOnly":true}}""", "NFS nfs:/x read-only")]
    [InlineData("""{"secret":{"secretName":"ceph-secret","defaultMode":420}}""", "secret/ceph-secret")]
    [InlineData("""{"configMap":{"name":"settings"}}""", "configMap/settings")]
    [InlineData("""{"glusterfs":{"endpoints":"glusterfs-cluster","path":"kube_vol"}}""", "GlusterFS glusterfs-cluster:kube_vol")]
    [InlineData("""{"rbd":{"monitors":["10.16.154.78:6789","10.16.154.82:6789"],"image":"foo","fsType":"ext4","pool":"kube"}}""",
        "Ceph RBD [10.16.154.78:6789 10.16.154.82:6789] type=ext4 image=foo pool=kube")]
    [InlineData("""{"awsElasticBlockStore":{"volumeID":"vol-1","fsType":"ext4"}}""", "AWS EBS vol-1 type=ext4 partition=0")]
    [InlineData("""{"gcePersistentDisk":{"pdName":"pd1","fsType":"ext4","partition":1,"readOnly":true}}""", "GCE PD pd1 type=ext4 partition=1 read-only")]
    [InlineData("""{"iscsi":{"iqn":"iqn.x","targetPortal":"10.0.0.1:3260","lun":0,"fsType":"ext4"}}""", "ISCSI iqn.x target-portal=10.0.0.1:3260 type=ext4 lun=0")]
    [InlineData("""{"emptyDir":{"medium":"Memory"}}""", "empty directory")]
    [InlineData("""{"downwardAPI":{"items":[]}}""", "unknown")]
    public void Sources_are_described_word_for_word_as_oc_does(string source, string expected) =>
        Assert.Equal(expected, VolumeDescriber.DescribeSource(Obj(source)));
}
