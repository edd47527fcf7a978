using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class TableWriterTests
{
    private static readonly TableWriter<PersistentVolume> Writer = new(PersistentVolumePrinter.Instance);

    private static TableItem<PersistentVolume> Item(PersistentVolume pv) =>
        new(pv, JsonSerializer.SerializeToUtf8Bytes(pv.WithType("v1", "PersistentVolume"), ApiJsonContext.Default.PersistentVolume));

    private static JsonNode Render(IEnumerable<TableItem<PersistentVolume>> items, TableOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Writer.Write(writer, items, options);
        }
        return JsonNode.Parse(buffer.WrittenSpan)!;
    }

    private static string Golden(string name, [CallerFilePath] string testFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", name));

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected:\n{expected}\nactual:\n{actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");

    [Fact]
    public void Renders_a_volume_list_as_the_real_server_does()
    {
        var table = Render([Item(Pv0001), Item(Pv0002)], new TableOptions { Now = Now, Metadata = new ListMeta { ResourceVersion = "121" } });
        AssertJson(Golden("pv-list-table.json"), table);
    }

    [Fact]
    public void Puts_partial_object_metadata_in_rows_by_default()
    {
        var row = Render([Item(Pv0001)], new TableOptions { Now = Now })["rows"]![0]!;
        AssertJson(
            """
            {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
             "metadata":{"name":"pv0001","uid":"6f1c7c1e-0000-4000-8000-000000000001","resourceVersion":"106",
                         "creationTimestamp":"2025-05-01T09:54:38Z","labels":{"type":"local"}}}
            """,
            row["object"]!);
    }

    [Fact]
    public void Puts_the_full_object_in_rows_when_asked()
    {
        var item = Item(Pv0002);
        var row = Render([item], new TableOptions { Now = Now, IncludeObject = IncludeObjectPolicy.Object })["rows"]![0]!;
        AssertJson(Encoding.UTF8.GetString(item.Json.Span), row["object"]!);
        Assert.Equal("PersistentVolume", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("v1", row["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Writes_null_objects_when_asked_for_none()
    {
        var row = Render([new TableItem<PersistentVolume>(Pv0001)], new TableOptions { Now = Now, IncludeObject = IncludeObjectPolicy.None })["rows"]![0]!.AsObject();
        Assert.True(row.ContainsKey("object"));
        Assert.Null(row["object"]);
        Assert.False(row.ContainsKey("conditions"));
    }

    [Fact]
    public void Refuses_object_mode_without_the_objects_json()
    {
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
        Assert.Throws<ArgumentException>(() =>
            Writer.Write(writer, [new TableItem<PersistentVolume>(Pv0001)], new TableOptions { Now = Now, IncludeObject = IncludeObjectPolicy.Object }));
    }

    [Fact]
    public void Writes_null_column_definitions_for_later_watch_events()
    {
        var table = Render([Item(Pv0001)], new TableOptions { Now = Now, IncludeColumnDefinitions = false }).AsObject();
        Assert.True(table.ContainsKey("columnDefinitions"));
        Assert.Null(table["columnDefinitions"]);
        AssertJson("{}", table["metadata"]!);
        Assert.Single(table["rows"]!.AsArray());
    }

    [Fact]
    public void Renders_a_watch_event_inside_its_envelope()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "ADDED");
            writer.WritePropertyName("object");
            Writer.WriteStart(writer, new ListMeta(), includeColumnDefinitions: true);
            Writer.WriteRow(writer, Item(Pv0001), Now, IncludeObjectPolicy.Metadata);
            Writer.WriteEnd(writer);
            writer.WriteEndObject();
        }
        var e = JsonNode.Parse(buffer.WrittenSpan)!;
        Assert.Equal("ADDED", e["type"]!.GetValue<string>());
        Assert.Equal("Table", e["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(11, e["object"]!["columnDefinitions"]!.AsArray().Count);
        Assert.Equal("pv0001", e["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Writes_paging_state_in_the_table_metadata()
    {
        var table = Render([], new TableOptions
        {
            Now = Now,
            Metadata = new ListMeta { ResourceVersion = "7", Continue = "eyJydiI6N30", RemainingItemCount = 42 },
        });
        AssertJson("""{"resourceVersion":"7","continue":"eyJydiI6N30","remainingItemCount":42}""", table["metadata"]!);
        Assert.Empty(table["rows"]!.AsArray());
    }

    [Fact]
    public void Reads_back_into_the_table_records()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Writer.Write(writer, [Item(Pv0001), Item(Pv0002)], new TableOptions { Now = Now, Metadata = new ListMeta { ResourceVersion = "121" } });
        }
        var table = JsonSerializer.Deserialize(buffer.WrittenSpan, TableJsonContext.Default.Table)!;

        Assert.Equal("Table", table.Kind);
        Assert.Equal("meta.k8s.io/v1", table.ApiVersion);
        Assert.Equal("121", table.Metadata.ResourceVersion);
        Assert.Equal(PersistentVolumePrinter.Instance.Columns, table.ColumnDefinitions);
        Assert.Equal(2, table.Rows.Count);
        AssertCells("""["pv0002","5Gi","RWO,ROX","Delete","Bound","default/claim1","manual","<unset>","","5m22s","Filesystem"]""", table.Rows[1].Cells);
        Assert.Equal("pv0002", table.Rows[1].Object!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_table_records_serialise_to_the_same_shape()
    {
        var table = new Table
        {
            Metadata = new ListMeta { ResourceVersion = "1" },
            ColumnDefinitions = null,
            Rows = [new TableRow { Cells = [JsonValue.Create("a"), JsonValue.Create(1L), JsonValue.Create(true)] }],
        };
        AssertJson(
            """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1"},"columnDefinitions":null,"rows":[{"cells":["a",1,true],"object":null}]}""",
            JsonNode.Parse(JsonSerializer.Serialize(table, TableJsonContext.Default.Table))!);
    }

    [Theory]
    [InlineData(IncludeObjectPolicy.None)]
    [InlineData(IncludeObjectPolicy.Metadata)]
    [InlineData(IncludeObjectPolicy.Object)]
    public async Task Streams_the_same_table_it_writes_without_synchronous_writes(IncludeObjectPolicy include)
    {
        // Enough rows to cross the flush threshold several times.
        var items = Enumerable.Range(0, 3000).Select(i => Item(Pv0001 with { Metadata = Pv0001.Metadata with { Name = $"pv{i:D5}" } })).ToList();
        var options = new TableOptions { Now = Now, Metadata = new ListMeta { ResourceVersion = "9" }, IncludeObject = include };
        using var stream = new AsyncOnlyStream();
        await Writer.WriteAsync(stream, items, options, CancellationToken.None);

        Assert.True(JsonNode.DeepEquals(Render(items, options), JsonNode.Parse(stream.ToArray())));
        Assert.True(stream.AsyncWrites > 1);
    }

    /// <summary>Like an ASP.NET Core response body: synchronous writes and flushes throw.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _written = new();

        public int AsyncWrites { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _written.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void Renders_a_hundred_thousand_rows()
    {
        // Sizing, not timing (that is the benchmark's job): a large LIST renders in one pass and parses back.
        var items = Enumerable.Range(0, 100_000)
            .Select(i => new TableItem<PersistentVolume>(Pv0002 with { Metadata = Pv0002.Metadata with { Name = $"pv{i:D6}" } }));
        var rows = Render(items, new TableOptions { Now = Now })["rows"]!.AsArray();
        Assert.Equal(100_000, rows.Count);
        Assert.Equal("pv099999", rows[^1]!["cells"]![0]!.GetValue<string>());
    }
}
