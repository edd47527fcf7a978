using System.Text.Json;

namespace Stowage.Server.Printing;

/// <summary>
/// Where a <see cref="TablePrinter{T}"/> puts a row's cells: straight into the response's JSON, so a
/// LIST of many objects builds no intermediate row objects. Cells are JSON strings, integers or
/// booleans, as metav1.TableRow allows.
/// </summary>
public readonly struct TableCellWriter
{
    private readonly Utf8JsonWriter _writer;

    /// <summary>Writes cells as values of the JSON array <paramref name="writer"/> is inside.</summary>
    public TableCellWriter(Utf8JsonWriter writer) => _writer = writer;

    /// <summary>A string cell; null prints as "" (Go strings have no null).</summary>
    public void String(string? value) => _writer.WriteStringValue(value ?? "");

    /// <summary>A string cell.</summary>
    public void String(ReadOnlySpan<char> value) => _writer.WriteStringValue(value);

    /// <summary>An integer cell (Go's int64 cells: counts, data sizes).</summary>
    public void Integer(long value) => _writer.WriteNumberValue(value);

    /// <summary>A boolean cell, which kubectl prints as true/false.</summary>
    public void Boolean(bool value) => _writer.WriteBooleanValue(value);

    /// <summary>
    /// The age of <paramref name="timestamp"/> at <paramref name="now"/> by Kubernetes' HumanDuration,
    /// or "&lt;unknown&gt;" when unset (Kubernetes' translateTimestampSince).
    /// </summary>
    public void Age(DateTimeOffset? timestamp, DateTimeOffset now)
    {
        if (timestamp is not { } t)
        {
            _writer.WriteStringValue("<unknown>");
            return;
        }
        Span<char> buffer = stackalloc char[HumanDuration.MaxLength];
        var written = HumanDuration.Write(now - t, buffer);
        _writer.WriteStringValue(buffer[..written]);
    }
}
