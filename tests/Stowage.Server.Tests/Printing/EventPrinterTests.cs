using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class EventPrinterTests
{
    private static readonly EventPrinter Printer = EventPrinter.Instance;

    private static Event FailedBinding => new()
    {
        Metadata = new ObjectMeta { Name = "claim1.17f0a", Namespace = "default", CreationTimestamp = Ago(10) },
        InvolvedObject = new ObjectReference { Kind = "PersistentVolumeClaim", Namespace = "default", Name = "claim1", ApiVersion = "v1" },
        Reason = "FailedBinding",
        Message = "  no persistent volumes available for this claim and no storage class is set\n",
        Source = new EventSource { Component = "persistentvolume-controller" },
        FirstTimestamp = Ago(10),
        LastTimestamp = Ago(1),
        Count = 4,
        Type = "Warning",
    };

    [Fact]
    public void Prints_a_core_event_with_an_integer_count()
    {
        AssertCells(
            """["60s","Warning","FailedBinding","persistentvolumeclaim/claim1","","persistentvolume-controller","no persistent volumes available for this claim and no storage class is set","10m",4,"claim1.17f0a"]""",
            Printer.Cells(FailedBinding, Now));
    }

    [Fact]
    public void Has_kubectl_get_events_columns_with_details_only_in_wide_output()
    {
        Assert.Equal(
            ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"],
            Printer.Columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 1, 1, 0, 1, 1, 1], Printer.Columns.Select(c => c.Priority));
        Assert.Equal("name", Printer.Columns[9].Format);
    }

    [Fact]
    public void Falls_back_to_event_time_and_reporting_controller_for_new_style_events()
    {
        var e = new Event
        {
            Metadata = new ObjectMeta { Name = "pv0001.1", CreationTimestamp = Ago(3) },
            InvolvedObject = new ObjectReference { Kind = "PersistentVolume", Name = "pv0001" },
            Reason = "Provisioned",
            Message = "ok",
            EventTime = new MicroTime(Ago(3)),
            ReportingComponent = "stowage.io/binder",
            ReportingInstance = "binder-node-a",
            Type = "Normal",
        };
        AssertCells(
            """["3m","Normal","Provisioned","persistentvolume/pv0001","","stowage.io/binder, binder-node-a","ok","3m",1,"pv0001.1"]""",
            Printer.Cells(e, Now));
    }

    [Fact]
    public void Takes_last_seen_and_count_from_the_series()
    {
        var e = FailedBinding with { Series = new EventSeries { Count = 12, LastObservedTime = new MicroTime(Ago(0, 7)) } };
        var cells = Printer.Cells(e, Now);
        Assert.Equal("7s", cells[0]!.GetValue<string>());
        Assert.Equal(12, cells[8]!.GetValue<long>());
    }

    [Fact]
    public void Uses_first_seen_as_last_seen_when_only_the_first_is_set()
    {
        var e = FailedBinding with { LastTimestamp = null };
        Assert.Equal("10m", Printer.Cells(e, Now)[0]!.GetValue<string>());
    }

    [Fact]
    public void Prints_unknown_times_and_kind_alone_when_nothing_is_set()
    {
        var e = new Event
        {
            Metadata = new ObjectMeta { Name = "odd" },
            InvolvedObject = new ObjectReference { Kind = "Node", FieldPath = "spec" },
            Source = new EventSource { Component = "kubelet", Host = "node-a" },
        };
        AssertCells("""["<unknown>","","","node","spec","kubelet, node-a","","<unknown>",1,"odd"]""", Printer.Cells(e, Now));
    }

    [Fact]
    public void Prints_events_k8s_io_events_like_core_ones()
    {
        var v1 = Stowage.Api.Events.Event.FromCore(FailedBinding);
        Assert.Equal(Printer.Columns, EventsV1EventPrinter.Instance.Columns);
        AssertCells(
            """["60s","Warning","FailedBinding","persistentvolumeclaim/claim1","","persistentvolume-controller","no persistent volumes available for this claim and no storage class is set","10m",4,"claim1.17f0a"]""",
            EventsV1EventPrinter.Instance.Cells(v1, Now));
    }
}
