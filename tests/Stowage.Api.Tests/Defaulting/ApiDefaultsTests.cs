using System.Text;
using Stowage.Api.Core;
using Stowage.Api.Defaulting;
using Stowage.Api.Meta;
using Stowage.Api.Storage;

namespace Stowage.Api.Tests.Defaulting;

public sealed class ApiDefaultsTests
{
    [Fact]
    public void A_volume_gets_Retain_Filesystem_and_Pending()
    {
        var pv = ApiDefaults.Apply(new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "pv1" },
            Spec = new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = "/data" } },
        });
        Assert.Equal("Retain", pv.Spec!.PersistentVolumeReclaimPolicy);
        Assert.Equal("Filesystem", pv.Spec.VolumeMode);
        Assert.Equal("", pv.Spec.HostPath!.Type);
        Assert.Null(pv.Spec.StorageClassName);
        Assert.Equal("Pending", pv.Status!.Phase);
    }

    [Fact]
    public void A_volume_keeps_what_it_was_given()
    {
        var given = new PersistentVolume
        {
            Spec = new PersistentVolumeSpec { PersistentVolumeReclaimPolicy = "Delete", VolumeMode = "Block", HostPath = new HostPathVolumeSource { Path = "/d", Type = "Directory" } },
            Status = new PersistentVolumeStatus { Phase = "Bound" },
        };
        var pv = ApiDefaults.Apply(given);
        Assert.Equal(("Delete", "Block", "Directory", "Bound"), (pv.Spec!.PersistentVolumeReclaimPolicy, pv.Spec.VolumeMode, pv.Spec.HostPath!.Type, pv.Status!.Phase));
        Assert.Equal(pv, ApiDefaults.Apply(pv));
    }

    [Fact]
    public void RBD_and_iSCSI_sources_get_their_defaults()
    {
        var rbd = ApiDefaults.Apply(new PersistentVolume { Spec = new PersistentVolumeSpec { Rbd = new RbdPersistentVolumeSource { Monitors = ["m:6789"], Image = "img" } } });
        Assert.Equal(("rbd", "admin", "/etc/ceph/keyring"), (rbd.Spec!.Rbd!.Pool, rbd.Spec.Rbd.User, rbd.Spec.Rbd.Keyring));
        var iscsi = ApiDefaults.Apply(new PersistentVolume { Spec = new PersistentVolumeSpec { Iscsi = new IscsiPersistentVolumeSource { TargetPortal = "t", Iqn = "iqn" } } });
        Assert.Equal("default", iscsi.Spec!.Iscsi!.IscsiInterface);
    }

    [Fact]
    public void A_claim_gets_Filesystem_and_Pending_but_no_class()
    {
        var pvc = ApiDefaults.Apply(new PersistentVolumeClaim { Spec = new PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] } });
        Assert.Equal("Filesystem", pvc.Spec!.VolumeMode);
        Assert.Null(pvc.Spec.StorageClassName);
        Assert.Equal("Pending", pvc.Status!.Phase);
    }

    [Fact]
    public void A_class_gets_Delete_and_Immediate_but_no_expansion()
    {
        var sc = ApiDefaults.Apply(new StorageClass { Provisioner = "kubernetes.io/gce-pd" });
        Assert.Equal(("Delete", "Immediate"), (sc.ReclaimPolicy, sc.VolumeBindingMode));
        Assert.Null(sc.AllowVolumeExpansion);
        var retained = ApiDefaults.Apply(new StorageClass { Provisioner = "p", ReclaimPolicy = "Retain", VolumeBindingMode = "WaitForFirstConsumer" });
        Assert.Equal(("Retain", "WaitForFirstConsumer"), (retained.ReclaimPolicy, retained.VolumeBindingMode));
    }

    [Fact]
    public void A_namespace_gets_its_name_label_and_Active()
    {
        var ns = ApiDefaults.Apply(new Namespace { Metadata = new ObjectMeta { Name = "team-a", Labels = new Dictionary<string, string> { ["owner"] = "x" } } });
        Assert.Equal("team-a", ns.Metadata.Labels!["kubernetes.io/metadata.name"]);
        Assert.Equal("x", ns.Metadata.Labels["owner"]);
        Assert.Equal("Active", ns.Status!.Phase);
        Assert.Null(ns.Spec?.Finalizers);
    }

    [Fact]
    public void A_created_namespace_gets_the_kubernetes_finalizer_once()
    {
        var ns = ApiDefaults.ApplyOnCreate(new Namespace { Metadata = new ObjectMeta { Name = "a" }, Status = new NamespaceStatus { Phase = "Terminating" } });
        Assert.Equal(["kubernetes"], ns.Spec!.Finalizers!);
        Assert.Equal("Active", ns.Status!.Phase);
        var withOther = ApiDefaults.ApplyOnCreate(new Namespace { Metadata = new ObjectMeta { Name = "a" }, Spec = new NamespaceSpec { Finalizers = ["example.com/x"] } });
        Assert.Equal(["example.com/x", "kubernetes"], withOther.Spec!.Finalizers!);
        Assert.Equal(withOther, ApiDefaults.ApplyOnCreate(withOther) with { Metadata = withOther.Metadata });
    }

    [Fact]
    public void A_namespace_without_a_name_gets_no_label()
    {
        var ns = ApiDefaults.Apply(new Namespace { Metadata = new ObjectMeta { GenerateName = "tmp-" } });
        Assert.Null(ns.Metadata.Labels);
    }

    [Fact]
    public void A_secret_is_Opaque_and_string_data_is_merged_into_data()
    {
        var secret = ApiDefaults.Apply(new Secret
        {
            Data = new Dictionary<string, byte[]> { ["key"] = [1], ["user"] = [2] },
            StringData = new Dictionary<string, string> { ["user"] = "admin", ["pass"] = "s3cr€t" },
        });
        Assert.Equal("Opaque", secret.Type);
        Assert.Null(secret.StringData);
        Assert.Equal([1], secret.Data!["key"]);
        Assert.Equal("admin"u8.ToArray(), secret.Data["user"]);
        Assert.Equal(Encoding.UTF8.GetBytes("s3cr€t"), secret.Data["pass"]);
        Assert.Equal("kubernetes.io/tls", ApiDefaults.Apply(new Secret { Type = "kubernetes.io/tls" }).Type);
    }

    [Fact]
    public void Endpoint_ports_default_to_TCP()
    {
        var endpoints = ApiDefaults.Apply(new Endpoints
        {
            Subsets = [new EndpointSubset { Ports = [new EndpointPort { Port = 1 }, new EndpointPort { Port = 2, Protocol = "UDP" }] }],
        });
        Assert.Equal(["TCP", "UDP"], endpoints.Subsets![0].Ports!.Select(p => p.Protocol!));
    }
}
