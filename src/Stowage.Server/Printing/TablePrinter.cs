using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Server.Printing;

/// <summary>
/// Turns objects of one kind into table rows, as Kubernetes' printers do for kubectl's human-readable
/// output. The real server always prints "wide", so every column, priority-1 ones included, gets a cell;
/// kubectl hides priority-1 columns unless asked for <c>-o wide</c>.
/// </summary>
/// <remarks>
/// Invariant: <see cref="WriteCells"/> writes exactly <see cref="Columns"/>.Count cells, in column
/// order. A short row renders with blank trailing cells and a misplaced one renders garbage, so
/// each printer's tests check the count. Printers are stateless and safe to share.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public abstract class TablePrinter<T>
{
    /// <summary>The table's columns.</summary>
    public abstract IReadOnlyList<TableColumnDefinition> Columns { get; }

    /// <summary>Writes the object's cells, one per column, computing ages at <paramref name="now"/>.</summary>
    public abstract void WriteCells(T obj, DateTimeOffset now, TableCellWriter cells);

    /// <summary>The row's conditions, or null for none (only finished pods have one).</summary>
    public virtual IReadOnlyList<TableRowCondition>? Conditions(T obj) => null;

    /// <summary>The object's cells as JSON values: what <see cref="WriteCells"/> writes, read back.</summary>
    public IReadOnlyList<JsonNode?> Cells(T obj, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            WriteCells(obj, now, new TableCellWriter(writer));
            writer.WriteEndArray();
        }
        var array = JsonNode.Parse(buffer.WrittenSpan)!.AsArray();
        var cells = new JsonNode?[array.Count];
        for (var i = cells.Length - 1; i >= 0; i--)
        {
            cells[i] = array[i];
            array.RemoveAt(i);
        }
        return cells;
    }
}
