using System.Net;
using System.Text;
using Stowage.Api.Core;
using Stowage.Runtime.Client;

namespace Stowage.Runtime.Tests;

/// <summary>The client's reading of a watch stream: one JSON document per line, however the bytes arrive.</summary>
public sealed class WatchStreamTests
{
    private const string Added = """{"type":"ADDED","object":{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-a","resourceVersion":"11"}}}""";
    private const string ObjectFirst = """{"object":{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pv-a","resourceVersion":"12","labels":{"é":"ü"}}},"type":"MODIFIED"}""";
    private const string Bookmark = """{"type":"BOOKMARK","object":{"kind":"PersistentVolume","apiVersion":"v1","metadata":{"resourceVersion":"15"}}}""";
    private const string Gone = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (9)","reason":"Expired","code":410}}""";

    [Fact]
    public async Task Events_arrive_whole_however_the_stream_splits_them()
    {
        var body = Added + "\n\n" + ObjectFirst + "\n" + Bookmark; // a blank line, and a last line without its newline
        using var client = Client(body, chunk: 7);

        var events = await Read(client);

        Assert.Equal(["ADDED pv-a 11", "MODIFIED pv-a 12", "BOOKMARK  15"], events.Select(e => $"{e.Type} {e.Object.Metadata.Name} {e.ResourceVersion}"));
        Assert.Equal("ü", events[1].Object.Metadata.Labels!["é"]);
    }

    [Fact]
    public async Task An_error_event_ends_the_watch_with_its_status()
    {
        using var client = Client(Added + "\n" + Gone + "\n", chunk: 4096);

        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<ApiClientException>(async () =>
        {
            await foreach (var e in client.WatchAsync(ResourceTypes.PersistentVolumes, null, "1", CancellationToken.None))
            {
                seen.Add(e.Type);
            }
        });

        Assert.Equal(["ADDED"], seen);
        Assert.True(error.IsGone);
        Assert.Equal("too old resource version: 1 (9)", error.Message);
    }

    private static async Task<List<WatchEvent<PersistentVolume>>> Read(ApiClient client)
    {
        var events = new List<WatchEvent<PersistentVolume>>();
        await foreach (var e in client.WatchAsync(ResourceTypes.PersistentVolumes, null, "1", CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    private static ApiClient Client(string body, int chunk) =>
        new(new HttpClient(new CannedWatch(Encoding.UTF8.GetBytes(body), chunk)) { BaseAddress = new Uri("https://127.0.0.1:6443/") }, "test");

    /// <summary>Answers every request with the body, handed out at most <c>chunk</c> bytes per read.</summary>
    private sealed class CannedWatch(byte[] body, int chunk) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new Trickle(body, chunk)) });
    }

    private sealed class Trickle(byte[] body, int chunk) : MemoryStream(body)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
