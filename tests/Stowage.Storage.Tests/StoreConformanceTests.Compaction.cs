using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Compaction_keeps_the_latest_value_of_every_key()
    {
        var a = await Store.CreateAsync("/c/a", Bytes("a1"), None);
        await Store.CreateAsync("/c/b", Bytes("b1"), None);
        await Store.UpdateAsync("/c/a", Bytes("a2"), a.Revision, None);
        await Store.CreateAsync("/c/gone", Bytes("x"), None);
        await Store.DeleteAsync("/c/gone", 0, None);

        await Store.CompactAsync(5, None);

        var all = await Store.RangeAsync("/c/", RangeOptions.All, None);
        Assert.Equal([("/c/a", "a2", 3L), ("/c/b", "b1", 2L)], all.Items.Select(kv => (kv.Key, Text(kv), kv.ModRevision)));
        var updated = await Store.UpdateAsync("/c/a", Bytes("a3"), 3, None);
        Assert.Equal(6, updated.Revision);
        Assert.Equal("a2", Text(updated.Previous!));
    }

    [Fact]
    public async Task Compaction_is_reported_and_repeating_it_is_harmless()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.CreateAsync($"/c/{i}", Bytes("x"), None);
        }

        await Store.CompactAsync(4, None);
        await Store.CompactAsync(4, None);
        await Store.CompactAsync(2, None);

        Assert.Equal(4, await Store.GetCompactedRevisionAsync(None));
        Assert.Equal(6, await Store.GetCurrentRevisionAsync(None));
        Assert.Equal(7, (await Store.CreateAsync("/c/next", Bytes("x"), None)).Revision);
    }

    [Fact]
    public async Task Compaction_beyond_the_current_revision_is_rejected()
    {
        await Store.CreateAsync("/c/a", Bytes("x"), None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.CompactAsync(2, None));
        Assert.Equal(0, await Store.GetCompactedRevisionAsync(None));
    }
}
