using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class PersistentVolumeClaimPrinterTests
{
    private static readonly PersistentVolumeClaimPrinter Printer = PersistentVolumeClaimPrinter.Instance;

    [Fact]
    public void Prints_a_bound_claim_with_the_volume_capacity_and_modes() =>
        AssertCells("""["claim1","Bound","pv0002","5Gi","RWO,ROX","manual","<unset>","5m27s","Filesystem"]""", Printer.Cells(Claim1, Now));

    [Fact]
    public void Has_kubectl_get_pvc_columns_with_VolumeMode_only_in_wide_output()
    {
        Assert.Equal(
            ["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"],
            Printer.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1], Printer.Columns.Select(c => c.Priority));
    }

    [Fact]
    public void Hides_capacity_and_modes_until_the_claim_names_a_volume()
    {
        var pending = Claim1 with
        {
            Spec = Claim1.Spec! with { VolumeName = null },
            Status = Claim1.Status! with { Phase = "Pending" },
        };
        AssertCells("""["claim1","Pending","","","","manual","<unset>","5m27s","Filesystem"]""", Printer.Cells(pending, Now));
    }

    [Fact]
    public void Shows_zero_capacity_when_bound_before_status_is_copied()
    {
        var claim = Claim1 with { Status = new PersistentVolumeClaimStatus { Phase = "Pending" } };
        AssertCells("""["claim1","Pending","pv0002","0","","manual","<unset>","5m27s","Filesystem"]""", Printer.Cells(claim, Now));
    }

    [Fact]
    public void Shows_Terminating_for_a_claim_being_deleted()
    {
        var claim = Claim1 with { Metadata = Claim1.Metadata with { DeletionTimestamp = Now } };
        Assert.Equal("Terminating", Printer.Cells(claim, Now)[1]!.GetValue<string>());
    }

    [Fact]
    public void Prints_no_class_and_unset_modes_for_a_bare_claim()
    {
        var claim = new PersistentVolumeClaim { Metadata = new ObjectMeta { Name = "bare", CreationTimestamp = Ago(0, 5) } };
        AssertCells("""["bare","","","","","","<unset>","5s","<unset>"]""", Printer.Cells(claim, Now));
    }

    [Fact]
    public void Prefers_the_beta_storage_class_annotation()
    {
        var claim = Claim1 with
        {
            Metadata = Claim1.Metadata with { Annotations = new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-class"] = "slow" } },
        };
        Assert.Equal("slow", Printer.Cells(claim, Now)[5]!.GetValue<string>());
    }
}
