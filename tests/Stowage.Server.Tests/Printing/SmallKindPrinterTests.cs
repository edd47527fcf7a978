using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

/// <summary>Namespace, Secret, ConfigMap and Lease: name, a field or two, age.</summary>
public sealed class SmallKindPrinterTests
{
    [Fact]
    public void Prints_a_namespace_with_its_phase()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "default", CreationTimestamp = Ago(5) }, Status = new NamespaceStatus { Phase = "Active" } };
        AssertCells("""["default","Active","5m"]""", NamespacePrinter.Instance.Cells(ns, Now));
        Assert.Equal(["Name", "Status", "Age"], NamespacePrinter.Instance.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Prints_a_secret_with_an_integer_count_of_its_data()
    {
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = "ceph-key", Namespace = "default", CreationTimestamp = Ago(1) },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["key"] = [1, 2], ["user"] = [3] },
            StringData = new Dictionary<string, string> { ["ignored"] = "write-only" },
        };
        AssertCells("""["ceph-key","Opaque",2,"60s"]""", SecretPrinter.Instance.Cells(secret, Now));
        Assert.Equal(["Name", "Type", "Data", "Age"], SecretPrinter.Instance.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Prints_an_empty_secret_with_zero_data()
    {
        var secret = new Secret { Metadata = new ObjectMeta { Name = "empty", CreationTimestamp = Ago(0, 30) } };
        AssertCells("""["empty","",0,"30s"]""", SecretPrinter.Instance.Cells(secret, Now));
    }

    [Fact]
    public void Counts_a_config_maps_data_and_binary_data_together()
    {
        var cm = new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "settings", CreationTimestamp = Ago(190) },
            Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            BinaryData = new Dictionary<string, byte[]> { ["c"] = [0] },
        };
        AssertCells("""["settings",3,"3h10m"]""", ConfigMapPrinter.Instance.Cells(cm, Now));
        Assert.Equal(["Name", "Data", "Age"], ConfigMapPrinter.Instance.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Prints_a_lease_with_its_holder()
    {
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = "stowage-controllers", Namespace = "kube-system", CreationTimestamp = Now - TimeSpan.FromDays(3) },
            Spec = new LeaseSpec { HolderIdentity = "node-a_1234" },
        };
        AssertCells("""["stowage-controllers","node-a_1234","3d"]""", LeasePrinter.Instance.Cells(lease, Now));
        AssertCells("""["unheld","","<unknown>"]""", LeasePrinter.Instance.Cells(new Lease { Metadata = new ObjectMeta { Name = "unheld" } }, Now));
        Assert.Equal(["Name", "Holder", "Age"], LeasePrinter.Instance.Columns.Select(c => c.Name));
    }
}
