using Stowage.Api.Meta;
using Stowage.Api.Storage;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class StorageClassPrinterTests
{
    private static readonly StorageClassPrinter Printer = StorageClassPrinter.Instance;

    [Fact]
    public void Marks_the_default_class_and_prints_expansion_as_a_boolean() =>
        AssertCells("""["standard (default)","rancher.io/local-path","Delete","WaitForFirstConsumer",false,"5m28s"]""", Printer.Cells(Standard, Now));

    [Fact]
    public void Has_kubectl_get_sc_columns() =>
        Assert.Equal(
            ["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"],
            Printer.Columns.Select(c => c.Name));

    [Theory]
    [InlineData("storageclass.kubernetes.io/is-default-class", "true", "fast (default)")]
    [InlineData("storageclass.beta.kubernetes.io/is-default-class", "true", "fast (default)")]
    [InlineData("storageclass.kubernetes.io/is-default-class", "True", "fast")]
    [InlineData("storageclass.kubernetes.io/is-default-class", "false", "fast")]
    [InlineData("unrelated", "true", "fast")]
    public void Marks_default_only_when_an_annotation_is_exactly_true(string annotation, string value, string expected)
    {
        var sc = new StorageClass
        {
            Metadata = new ObjectMeta { Name = "fast", Annotations = new Dictionary<string, string> { [annotation] = value } },
            Provisioner = "p",
        };
        Assert.Equal(expected, Printer.Cells(sc, Now)[0]!.GetValue<string>());
    }

    [Fact]
    public void Fills_in_the_defaults_of_unset_fields()
    {
        var sc = new StorageClass { Metadata = new ObjectMeta { Name = "plain", CreationTimestamp = Ago(70) }, Provisioner = "stowage.io/hostpath" };
        AssertCells("""["plain","stowage.io/hostpath","Delete","Immediate",false,"70m"]""", Printer.Cells(sc, Now));
    }

    [Fact]
    public void Prints_allowed_expansion_as_true()
    {
        var sc = Standard with { AllowVolumeExpansion = true, ReclaimPolicy = "Retain" };
        AssertCells("""["standard (default)","rancher.io/local-path","Retain","WaitForFirstConsumer",true,"5m28s"]""", Printer.Cells(sc, Now));
    }
}
