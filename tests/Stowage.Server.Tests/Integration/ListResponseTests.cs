using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stowage.Server.Tests.Integration;

/// <summary>LIST responses, small (one write with a Content-Length) and large (streamed a buffer at a time).</summary>
public sealed class ListResponseTests : IClassFixture<ApiServerFixture>
{
    private const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private readonly ApiServerFixture _fx;

    public ListResponseTests(ApiServerFixture fx) => _fx = fx;

    private HttpClient C => _fx.Client;

    [Fact]
    public async Task Small_and_large_lists_carry_every_item_exactly_as_a_get_serves_it()
    {
        await CreateAsync("small", 3);
        var small = await ListAsync("set=small", accept: null);
        Assert.NotEqual(true, small.Response.Headers.TransferEncodingChunked); // one write, with a Content-Length
        await AssertItemsAsGetServesThemAsync(small.Body, 3);

        // ~200 PVs of ~700 bytes each: past the 64 KiB a response buffers before it streams.
        await CreateAsync("large", 200);
        var large = await ListAsync("set=large", accept: null);
        Assert.True(large.Body.Length > 128 * 1024, $"list is {large.Body.Length} bytes");
        Assert.True(large.Response.Headers.TransferEncodingChunked); // streamed
        await AssertItemsAsGetServesThemAsync(large.Body, 200);
    }

    [Fact]
    public async Task Large_table_list_has_a_row_per_object()
    {
        await CreateAsync("table", 200);
        var (response, body) = await ListAsync("set=table", Table);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var table = JsonNode.Parse(body)!;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        var rows = table["rows"]!.AsArray();
        Assert.Equal(200, rows.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"it-list-table-{i:D3}"), rows.Select(r => r!["object"]!["metadata"]!["name"]!.GetValue<string>()));
    }

    private async Task CreateAsync(string set, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (code, _, _) = await C.SendAsync(HttpMethod.Post, "/api/v1/persistentvolumes", Http.Pv($"it-list-{set}-{i:D3}", labels: $$"""{"set":"{{set}}"}"""));
            Assert.Equal(201, code);
        }
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> ListAsync(string selector, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/persistentvolumes?labelSelector=" + Uri.EscapeDataString(selector));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        var response = await C.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task AssertItemsAsGetServesThemAsync(byte[] list, int count)
    {
        using var doc = JsonDocument.Parse(list);
        Assert.Equal("PersistentVolumeList", doc.RootElement.GetProperty("kind").GetString());
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(count, items.Count);
        foreach (var item in items)
        {
            var name = item.GetProperty("metadata").GetProperty("name").GetString();
            var served = await C.GetByteArrayAsync($"/api/v1/persistentvolumes/{name}");
            Assert.Equal(System.Text.Encoding.UTF8.GetString(served), item.GetRawText());
        }
    }
}
