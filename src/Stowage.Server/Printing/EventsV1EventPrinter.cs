namespace Stowage.Server.Printing;

/// <summary>
/// events.k8s.io/v1 Events print exactly like core/v1 ones: Kubernetes converts both to the one
/// internal Event before printing, so this converts to the stored core form and delegates.
/// </summary>
public sealed class EventsV1EventPrinter : TablePrinter<Stowage.Api.Events.Event>
{
    /// <summary>The shared instance.</summary>
    public static EventsV1EventPrinter Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => EventPrinter.Instance.Columns;

    /// <inheritdoc/>
    public override void WriteCells(Stowage.Api.Events.Event obj, DateTimeOffset now, TableCellWriter cells) =>
        EventPrinter.Instance.WriteCells(obj.ToCore(), now, cells);
}
