using Stowage.Api.Coordination;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Storage;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

/// <summary>What every printer owes kubectl, checked across all of them.</summary>
public sealed class TablePrinterContractTests
{
    public static TheoryData<string> Kinds => new() { "pv", "pvc", "sc", "ns", "secret", "cm", "ep", "event", "events.k8s.io", "lease", "pod", "node" };

    // The cell count of an empty object and a full one, and the column definitions, per kind.
    private static (IReadOnlyList<TableColumnDefinition> Columns, int EmptyCells, int FullCells) Print(string kind)
    {
        var meta = new ObjectMeta { Name = "x" };
        return kind switch
        {
            "pv" => Count(TablePrinters.PersistentVolume, new PersistentVolume { Metadata = meta }, Pv0002),
            "pvc" => Count(TablePrinters.PersistentVolumeClaim, new PersistentVolumeClaim { Metadata = meta }, Claim1),
            "sc" => Count(TablePrinters.StorageClass, new StorageClass { Metadata = meta }, Standard),
            "ns" => Count(TablePrinters.Namespace, new Namespace { Metadata = meta }, new Namespace { Metadata = meta, Status = new NamespaceStatus { Phase = "Active" } }),
            "secret" => Count(TablePrinters.Secret, new Secret { Metadata = meta }, new Secret { Metadata = meta, Type = "Opaque", Data = new Dictionary<string, byte[]> { ["a"] = [1] } }),
            "cm" => Count(TablePrinters.ConfigMap, new ConfigMap { Metadata = meta }, new ConfigMap { Metadata = meta, Data = new Dictionary<string, string> { ["a"] = "b" } }),
            "ep" => Count(TablePrinters.Endpoints, new Endpoints { Metadata = meta }, new Endpoints { Metadata = meta, Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "10.0.0.1" }] }] }),
            "event" => Count(TablePrinters.Event, new Event { Metadata = meta }, new Event { Metadata = meta, Series = new EventSeries() }),
            "events.k8s.io" => Count(TablePrinters.EventsV1Event, new Stowage.Api.Events.Event { Metadata = meta }, new Stowage.Api.Events.Event { Metadata = meta, Note = "n" }),
            "lease" => Count(TablePrinters.Lease, new Lease { Metadata = meta }, new Lease { Metadata = meta, Spec = new LeaseSpec { HolderIdentity = "h" } }),
            "pod" => Count(TablePrinters.Pod, new Pod { Metadata = meta }, PodPrinterTests.RunningPod),
            "node" => Count(TablePrinters.Node, new Node { Metadata = meta }, NodePrinterTests.ReadyNode),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        static (IReadOnlyList<TableColumnDefinition>, int, int) Count<T>(TablePrinter<T> printer, T empty, T full) =>
            (printer.Columns, printer.Cells(empty, Now).Count, printer.Cells(full, Now).Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Writes_one_cell_per_column(string kind)
    {
        var (columns, emptyCells, fullCells) = Print(kind);
        Assert.Equal(columns.Count, emptyCells);
        Assert.Equal(columns.Count, fullCells);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Has_exactly_one_name_column_described_as_ObjectMeta_name(string kind)
    {
        var (columns, _, _) = Print(kind);
        var name = Assert.Single(columns, c => c.Format == "name");
        Assert.Equal("Name", name.Name);
        Assert.StartsWith("Name must be unique within a namespace.", name.Description, StringComparison.Ordinal);
        Assert.All(columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Describes_the_age_column_as_creation_timestamp(string kind)
    {
        var (columns, _, _) = Print(kind);
        foreach (var age in columns.Where(c => c.Name == "Age"))
        {
            Assert.StartsWith("CreationTimestamp is a timestamp representing the server time", age.Description, StringComparison.Ordinal);
        }
    }
}

public sealed class CellComparisonTests
{
    [Fact]
    public void Cell_comparison_tells_integers_and_booleans_from_strings()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertCells("""["4"]""", [System.Text.Json.Nodes.JsonValue.Create(4)]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertCells("""["false"]""", [System.Text.Json.Nodes.JsonValue.Create(false)]));
        AssertCells("""[4,false,"x"]""", [System.Text.Json.Nodes.JsonValue.Create(4L), System.Text.Json.Nodes.JsonValue.Create(false), System.Text.Json.Nodes.JsonValue.Create("x")]);
    }
}
