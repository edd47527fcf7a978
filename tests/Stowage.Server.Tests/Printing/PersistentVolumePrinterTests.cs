using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class PersistentVolumePrinterTests
{
    private static readonly PersistentVolumePrinter Printer = PersistentVolumePrinter.Instance;

    [Fact]
    public void Prints_an_available_volume_as_kubectl_shows_it() =>
        AssertCells("""["pv0001","1Gi","RWO","Retain","Available","","manual","<unset>","","5m22s","Filesystem"]""", Printer.Cells(Pv0001, Now));

    [Fact]
    public void Prints_a_bound_volume_with_its_claim() =>
        AssertCells("""["pv0002","5Gi","RWO,ROX","Delete","Bound","default/claim1","manual","<unset>","","5m22s","Filesystem"]""", Printer.Cells(Pv0002, Now));

    [Fact]
    public void Has_kubectl_get_pv_columns_with_VolumeMode_only_in_wide_output()
    {
        Assert.Equal(
            ["Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode"],
            Printer.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], Printer.Columns.Select(c => c.Priority));
        Assert.All(Printer.Columns, c => Assert.Equal("string", c.Type));
    }

    [Fact]
    public void Shows_Terminating_while_the_volume_waits_on_its_finalizer()
    {
        var pv = Pv0002 with { Metadata = Pv0002.Metadata with { DeletionTimestamp = Ago(0, 10) } };
        Assert.Equal("Terminating", Printer.Cells(pv, Now)[4]!.GetValue<string>());
    }

    [Fact]
    public void Lists_access_modes_in_fixed_order_without_duplicates()
    {
        var pv = Pv0001 with { Spec = Pv0001.Spec! with { AccessModes = ["ReadWriteOncePod", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce", "Bogus"] } };
        Assert.Equal("RWO,RWX,RWOP", Printer.Cells(pv, Now)[2]!.GetValue<string>());
    }

    [Fact]
    public void Prefers_the_beta_storage_class_annotation_even_when_empty()
    {
        var annotated = Pv0001 with
        {
            Metadata = Pv0001.Metadata with { Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-class"] = "gold" } },
        };
        var emptyAnnotation = Pv0001 with
        {
            Metadata = Pv0001.Metadata with { Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-class"] = "" } },
        };
        Assert.Equal("gold", Printer.Cells(annotated, Now)[6]!.GetValue<string>());
        Assert.Equal("", Printer.Cells(emptyAnnotation, Now)[6]!.GetValue<string>());
    }

    [Fact]
    public void Shows_volume_attributes_class_and_failure_reason()
    {
        var pv = Pv0001 with
        {
            Spec = Pv0001.Spec! with { VolumeAttributesClassName = "fast" },
            Status = new PersistentVolumeStatus { Phase = "Failed", Reason = "RecyclerFailed" },
        };
        AssertCells("""["pv0001","1Gi","RWO","Retain","Failed","","manual","fast","RecyclerFailed","5m22s","Filesystem"]""", Printer.Cells(pv, Now));
    }

    [Fact]
    public void Prints_zero_values_for_an_empty_volume()
    {
        var pv = new PersistentVolume { Metadata = new ObjectMeta { Name = "bare" } };
        AssertCells("""["bare","0","","","","","","<unset>","","<unknown>","<unset>"]""", Printer.Cells(pv, Now));
    }

    [Fact]
    public void Writes_claim_without_namespace_as_Kubernetes_does()
    {
        var pv = Pv0002 with { Spec = Pv0002.Spec! with { ClaimRef = new ObjectReference { Name = "orphan" } } };
        Assert.Equal("/orphan", Printer.Cells(pv, Now)[5]!.GetValue<string>());
    }

    [Fact]
    public void Ages_more_than_two_seconds_in_the_future_are_invalid()
    {
        var future = Pv0001 with { Metadata = Pv0001.Metadata with { CreationTimestamp = Now.AddSeconds(2) } };
        var skewed = Pv0001 with { Metadata = Pv0001.Metadata with { CreationTimestamp = Now.AddSeconds(1) } };
        Assert.Equal("<invalid>", Printer.Cells(future, Now)[9]!.GetValue<string>());
        Assert.Equal("0s", Printer.Cells(skewed, Now)[9]!.GetValue<string>());
    }
}
