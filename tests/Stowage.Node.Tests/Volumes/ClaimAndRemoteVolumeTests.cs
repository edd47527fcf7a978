using System.Text.Json.Nodes;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Node.Volumes;

namespace Stowage.Node.Tests.Volumes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ClaimAndRemoteVolumeTests : IDisposable
{
    private readonly VolumeTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private static Volume ClaimVolume(bool readOnly = false) =>
        new() { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "claim", ReadOnly = readOnly } };

    private void Bind(PersistentVolumeSpec spec, IReadOnlyList<string>? claimModes = null)
    {
        _bed.Objects.Claims["default/claim"] = new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = "claim", Namespace = "default", Uid = "c1" },
            Spec = new PersistentVolumeClaimSpec { VolumeName = "pv1", AccessModes = claimModes ?? ["ReadWriteOnce"] },
            Status = new PersistentVolumeClaimStatus { Phase = "Bound" },
        };
        _bed.Objects.Volumes["pv1"] = new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "pv1" },
            Spec = spec with { ClaimRef = new ObjectReference { Name = "claim", Namespace = "default", Uid = "c1" }, AccessModes = spec.AccessModes ?? ["ReadWriteOnce"] },
        };
    }

    private Task<PodVolumes> SetUp(params Volume[] volumes) => _bed.Manager.SetUpAsync(VolumeTestBed.Pod("u1", volumes), CancellationToken.None);

    private async Task<VolumeMountException> Failure(params Volume[] volumes) => await Assert.ThrowsAsync<VolumeMountException>(() => SetUp(volumes));

    [Fact]
    public async Task A_missing_or_unbound_claim_fails_with_kubelets_texts()
    {
        Assert.Equal("Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data]: error processing PVC default/claim: failed to fetch PVC from API server: persistentvolumeclaims \"claim\" not found",
            (await Failure(ClaimVolume())).Message);

        _bed.Objects.Claims["default/claim"] = new PersistentVolumeClaim { Metadata = new ObjectMeta { Name = "claim" }, Status = new PersistentVolumeClaimStatus { Phase = "Pending" } };
        var pending = await Failure(ClaimVolume());
        Assert.Equal("FailedMount", pending.Reason);
        Assert.EndsWith("error processing PVC default/claim: PVC is not bound (phase Pending)", pending.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_bound_to_a_hostPath_volume_uses_the_host_path_with_its_type_check()
    {
        var host = _bed.HostDir("pv");
        Bind(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = host, Type = "Directory" } });

        var volume = (await SetUp(ClaimVolume())).Volumes["data"];
        Assert.Equal(host, volume.HostPath);
        Assert.False(volume.ReadOnly);
        Assert.True((await SetUp(ClaimVolume(readOnly: true))).Volumes["data"].ReadOnly);

        Bind(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = Path.Combine(host, "absent"), Type = "Directory" } });
        Assert.Equal($"MountVolume.SetUp failed for volume \"data\" : hostPath {Path.Combine(host, "absent")} doesn't exist", (await Failure(ClaimVolume())).Message);
    }

    [Fact]
    public async Task A_volume_or_claim_that_only_allows_ReadOnlyMany_is_mounted_read_only()
    {
        Bind(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = _bed.HostDir("pv") }, AccessModes = ["ReadOnlyMany"] });
        Assert.True((await SetUp(ClaimVolume())).Volumes["data"].ReadOnly);

        Bind(new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = _bed.HostDir("pv") }, AccessModes = ["ReadWriteOnce", "ReadOnlyMany"] }, claimModes: ["ReadOnlyMany"]);
        Assert.True((await SetUp(ClaimVolume())).Volumes["data"].ReadOnly);
    }

    [RootFact]
    public async Task A_claim_bound_to_a_local_volume_is_bind_mounted_into_the_pod_and_torn_down_without_touching_its_data()
    {
        var local = _bed.HostDir("local-pv");
        await File.WriteAllTextAsync(Path.Combine(local, "keep"), "data");
        Bind(new PersistentVolumeSpec { Local = new LocalVolumeSource { Path = local } });

        var volume = (await SetUp(ClaimVolume())).Volumes["data"];
        Assert.Equal(Path.Combine(_bed.Paths.PodVolumes("u1"), "kubernetes.io~local-volume", "data"), volume.HostPath);
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(volume.HostPath, "keep")));
        Assert.NotNull(_bed.Manager.Usage("u1", "data"));

        await _bed.NewManager().TearDownAsync("u1", CancellationToken.None);

        Assert.Empty(VolumeTestBed.MountsBelow(_bed.Paths.Pod("u1")));
        Assert.Equal("data", await File.ReadAllTextAsync(Path.Combine(local, "keep")));
    }

    [Fact]
    public async Task A_local_volume_whose_path_is_missing_fails_like_kubelet()
    {
        var missing = Path.Combine(_bed.Root, "gone");
        Bind(new PersistentVolumeSpec { Local = new LocalVolumeSource { Path = missing } });

        Assert.Equal($"MountVolume.NewMounter initialization failed for volume \"data\" : path \"{missing}\" does not exist", (await Failure(ClaimVolume())).Message);
    }

    [Fact]
    public async Task Nfs_fails_saying_the_kernel_has_no_NFS_client_when_it_has_none()
    {
        if (File.ReadAllText("/proc/filesystems").Contains("nfs", StringComparison.Ordinal))
        {
            return; // A kernel with an NFS client would try a real mount; this node's kernel has none.
        }
        const string Expected = "MountVolume.SetUp failed for volume \"{0}\" : mount failed: this node's kernel has no NFS client (\"nfs\" is not in /proc/filesystems); use a node with NFS support";

        Assert.Equal(string.Format(null, Expected, "nfs"), (await Failure(new Volume { Name = "nfs", Nfs = new NfsVolumeSource { Server = "10.0.0.1", Path = "/export" } })).Message);
        Bind(new PersistentVolumeSpec { Nfs = new NfsVolumeSource { Server = "10.0.0.1", Path = "/export" } });
        Assert.Equal(string.Format(null, Expected, "data"), (await Failure(ClaimVolume())).Message);
    }

    [Fact]
    public async Task Glusterfs_needs_its_endpoints_and_the_client()
    {
        var gluster = new Volume { Name = "gv", Glusterfs = new GlusterfsVolumeSource { Endpoints = "glusterfs-cluster", Path = "vol1" } };
        Assert.Equal("MountVolume.NewMounter initialization failed for volume \"gv\" : endpoints \"glusterfs-cluster\" not found", (await Failure(gluster)).Message);

        _bed.Objects.Endpoints["default/glusterfs-cluster"] = new Endpoints
        {
            Metadata = new ObjectMeta { Name = "glusterfs-cluster" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "127.0.0.9" }], Ports = [new EndpointPort { Port = 1 }] }],
        };
        var message = (await Failure(gluster)).Message;
        if (ToolRunner.Find("mount.glusterfs") is null)
        {
            Assert.Equal("MountVolume.SetUp failed for volume \"gv\" : glusterfs: the glusterfs client is not installed on this node (mount.glusterfs not found; install the glusterfs-client package)", message);
        }
        else
        {
            Assert.StartsWith("MountVolume.SetUp failed for volume \"gv\" : mount failed: exit status", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sources_this_node_cannot_mount_fail_saying_which_and_why()
    {
        var ebs = await Failure(new Volume { Name = "disk", AwsElasticBlockStore = new AwsElasticBlockStoreVolumeSource { VolumeID = "vol-1" } });
        Assert.Equal("FailedAttachVolume", ebs.Reason);
        Assert.Equal("AttachVolume.Attach failed for volume \"disk\" : awsElasticBlockStore volumes cannot be attached to this node: AWS EBS volumes attach only to an AWS EC2 instance with the EBS attach API, and this node runs on no cloud provider", ebs.Message);

        var csi = await Failure(new Volume { Name = "inline", Csi = new CsiVolumeSource { Driver = "csi.example.com" } });
        Assert.Equal("MountVolume.SetUp failed for volume \"inline\" : kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name csi.example.com not found in the list of registered CSI drivers", csi.Message);

        var rbd = await Failure(new Volume { Name = "ceph", Rbd = new RbdVolumeSource { Image = "img" } });
        Assert.Equal("MountVolume.SetUp failed for volume \"ceph\" : rbd volumes cannot be mounted on this node: this node's kernel has no Ceph RBD block device support", rbd.Message);

        var azure = await Failure(new Volume { Name = "share", AzureFile = new JsonObject { ["shareName"] = "s" } });
        Assert.StartsWith("MountVolume.SetUp failed for volume \"share\" : azureFile volumes cannot be mounted on this node", azure.Message, StringComparison.Ordinal);

        Bind(new PersistentVolumeSpec { GcePersistentDisk = new GcePersistentDiskVolumeSource { PdName = "pd" } });
        Assert.StartsWith("AttachVolume.Attach failed for volume \"data\" : gcePersistentDisk volumes cannot be attached to this node", (await Failure(ClaimVolume())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_volumes_that_can_be_set_up_are_even_when_another_fails()
    {
        var error = await Failure(
            new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = "absent" } });

        Assert.Contains("\"config\"", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_bed.Paths.PodVolumes("u1"), "kubernetes.io~empty-dir", "cache")));
    }
}
