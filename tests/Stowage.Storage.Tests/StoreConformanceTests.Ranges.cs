using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Range_lists_keys_under_the_prefix_in_key_order()
    {
        foreach (var key in new[] { "/r/c", "/r/a", "/q/z", "/r/b/x", "/s/a", "/r/b" })
        {
            await Store.CreateAsync(key, Bytes(key), None);
        }

        var result = await Store.RangeAsync("/r/", RangeOptions.All, None);

        Assert.Equal(["/r/a", "/r/b", "/r/b/x", "/r/c"], result.Items.Select(kv => kv.Key));
        Assert.All(result.Items, kv => Assert.Equal(kv.Key, Text(kv)));
        Assert.False(result.More);
        Assert.Equal(0, result.RemainingCount);
    }

    [Fact]
    public async Task Range_prefix_does_not_match_a_sibling_that_shares_the_prefix_text()
    {
        await Store.CreateAsync("/a/b/1", Bytes("x"), None);
        await Store.CreateAsync("/a/bc/1", Bytes("x"), None);
        await Store.CreateAsync("/a/b0", Bytes("x"), None);
        await Store.CreateAsync("/a/b", Bytes("x"), None);

        var withSlash = await Store.RangeAsync("/a/b/", RangeOptions.All, None);
        var withoutSlash = await Store.RangeAsync("/a/b", RangeOptions.All, None);

        Assert.Equal(["/a/b/1"], withSlash.Items.Select(kv => kv.Key));
        Assert.Equal(["/a/b", "/a/b/1", "/a/b0", "/a/bc/1"], withoutSlash.Items.Select(kv => kv.Key));
    }

    [Fact]
    public async Task Range_reports_the_revision_it_was_served_at()
    {
        await Store.CreateAsync("/a", Bytes("x"), None);
        await Store.CreateAsync("/other", Bytes("x"), None);

        var result = await Store.RangeAsync("/a", RangeOptions.All, None);

        Assert.Equal(2, result.Revision);
    }

    [Fact]
    public async Task Range_pages_with_limit_and_start_after_key_until_no_more_remain()
    {
        var keys = Enumerable.Range(0, 23).Select(i => $"/p/{i:D3}").ToList();
        foreach (var key in keys)
        {
            await Store.CreateAsync(key, Bytes(key), None);
        }

        await Store.CreateAsync("/q/000", Bytes("x"), None);
        var seen = new List<string>();
        var remaining = new List<long>();
        string? after = null;
        RangeResult page;
        do
        {
            page = await Store.RangeAsync("/p/", new RangeOptions(Limit: 5, StartAfterKey: after), None);
            seen.AddRange(page.Items.Select(kv => kv.Key));
            remaining.Add(page.RemainingCount);
            after = page.Items[^1].Key;
            Assert.Equal(24, page.Revision);
        }
        while (page.More);

        Assert.Equal(keys, seen);
        Assert.Equal([18L, 13, 8, 3, 0], remaining);
    }

    [Fact]
    public async Task Range_with_limit_exactly_the_count_has_no_more()
    {
        await Store.CreateAsync("/p/1", Bytes("x"), None);
        await Store.CreateAsync("/p/2", Bytes("x"), None);

        var result = await Store.RangeAsync("/p/", new RangeOptions(Limit: 2), None);

        Assert.Equal(2, result.Items.Count);
        Assert.False(result.More);
        Assert.Equal(0, result.RemainingCount);
    }

    [Fact]
    public async Task Range_start_after_key_before_the_prefix_starts_at_the_prefix()
    {
        await Store.CreateAsync("/p/1", Bytes("x"), None);
        await Store.CreateAsync("/p/2", Bytes("x"), None);

        var result = await Store.RangeAsync("/p/", new RangeOptions(StartAfterKey: "/a"), None);

        Assert.Equal(["/p/1", "/p/2"], result.Items.Select(kv => kv.Key));
    }

    [Fact]
    public async Task Range_at_a_past_revision_shows_the_keys_as_they_were()
    {
        var a = await Store.CreateAsync("/k/a", Bytes("a1"), None);          // 1
        var b = await Store.CreateAsync("/k/b", Bytes("b1"), None);          // 2
        await Store.CreateAsync("/k/c", Bytes("c1"), None);                  // 3
        var past = await Store.GetCurrentRevisionAsync(None);
        await Store.UpdateAsync("/k/a", Bytes("a2"), a.Revision, None);      // 4
        await Store.DeleteAsync("/k/b", b.Revision, None);                   // 5
        await Store.CreateAsync("/k/d", Bytes("d1"), None);                  // 6
        await Store.CreateAsync("/k/b", Bytes("b2"), None);                  // 7
        await Store.DeleteAsync("/k/c", 0, None);                            // 8
        await Store.CreateAsync("/k/c", Bytes("c2"), None);                  // 9

        var then = await Store.RangeAsync("/k/", new RangeOptions(Revision: past), None);
        var mid = await Store.RangeAsync("/k/", new RangeOptions(Revision: 6), None);
        var now = await Store.RangeAsync("/k/", RangeOptions.All, None);

        Assert.Equal(past, then.Revision);
        Assert.Equal(
            [("/k/a", "a1", 1L, 1L), ("/k/b", "b1", 2L, 2L), ("/k/c", "c1", 3L, 3L)],
            then.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision)));
        Assert.Equal(
            [("/k/a", "a2", 1L, 4L), ("/k/c", "c1", 3L, 3L), ("/k/d", "d1", 6L, 6L)],
            mid.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision)));
        Assert.Equal(
            [("/k/a", "a2", 1L, 4L), ("/k/b", "b2", 7L, 7L), ("/k/c", "c2", 9L, 9L), ("/k/d", "d1", 6L, 6L)],
            now.Items.Select(kv => (kv.Key, Text(kv), kv.CreateRevision, kv.ModRevision)));
    }

    [Fact]
    public async Task Range_at_a_past_revision_pages_like_the_latest()
    {
        for (var i = 0; i < 10; i++)
        {
            await Store.CreateAsync($"/p/{i}", Bytes("x"), None);
        }

        var past = await Store.GetCurrentRevisionAsync(None);
        for (var i = 0; i < 10; i += 2)
        {
            await Store.DeleteAsync($"/p/{i}", 0, None);
        }

        var first = await Store.RangeAsync("/p/", new RangeOptions(Limit: 4, Revision: past), None);
        var second = await Store.RangeAsync("/p/", new RangeOptions(Limit: 4, StartAfterKey: first.Items[^1].Key, Revision: past), None);

        Assert.Equal(["/p/0", "/p/1", "/p/2", "/p/3"], first.Items.Select(kv => kv.Key));
        Assert.True(first.More);
        Assert.Equal(6, first.RemainingCount);
        Assert.Equal(["/p/4", "/p/5", "/p/6", "/p/7"], second.Items.Select(kv => kv.Key));
        Assert.Equal(2, second.RemainingCount);
    }

    [Fact]
    public async Task Range_at_a_future_revision_is_rejected()
    {
        await Store.CreateAsync("/a", Bytes("x"), None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.RangeAsync("/", new RangeOptions(Revision: 2), None));
    }

    [Fact]
    public async Task Range_below_the_compacted_revision_throws_compacted()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.CompactAsync(4, None);

        // The failure arrives through the task, like any storage outcome, not as a synchronous throw.
        var reading = Store.RangeAsync("/c/", new RangeOptions(Revision: 3), None);
        var error = await Assert.ThrowsAsync<CompactedException>(() => reading);
        Assert.Equal(4, error.CompactedRevision);
    }

    [Fact]
    public async Task Range_at_the_compacted_revision_still_succeeds()
    {
        var a = await Store.CreateAsync("/c/a", Bytes("a1"), None);
        await Store.CreateAsync("/c/b", Bytes("b1"), None);
        await Store.UpdateAsync("/c/a", Bytes("a2"), a.Revision, None);   // 3
        await Store.UpdateAsync("/c/a", Bytes("a3"), 3, None);             // 4
        await Store.DeleteAsync("/c/b", 0, None);                          // 5

        await Store.CompactAsync(3, None);
        var atCompaction = await Store.RangeAsync("/c/", new RangeOptions(Revision: 3), None);

        Assert.Equal([("/c/a", "a2"), ("/c/b", "b1")], atCompaction.Items.Select(kv => (kv.Key, Text(kv))));
    }
}
