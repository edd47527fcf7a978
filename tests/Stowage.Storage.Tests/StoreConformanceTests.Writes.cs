using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task New_store_is_at_revision_zero_and_empty()
    {
        Assert.Equal(0, await Store.GetCurrentRevisionAsync(None));
        Assert.Equal(0, await Store.GetCompactedRevisionAsync(None));
        var all = await Store.RangeAsync("/", RangeOptions.All, None);
        Assert.Empty(all.Items);
        Assert.Equal(0, all.Revision);
    }

    [Fact]
    public async Task Create_stores_the_value_at_a_new_revision()
    {
        var result = await Store.CreateAsync("/a", Bytes("one"), None);

        Assert.Equal(WriteOutcome.Ok, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Revision);
        Assert.Equal(new KeyValue("/a", result.Current!.Value, 1, 1), result.Current);
        Assert.Null(result.Previous);
        var stored = await Store.GetAsync("/a", None);
        Assert.NotNull(stored);
        Assert.Equal("one", Text(stored));
        Assert.Equal(1, stored.CreateRevision);
        Assert.Equal(1, stored.ModRevision);
        Assert.Equal(1, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Create_of_an_existing_key_returns_already_exists_with_current_value()
    {
        await Store.CreateAsync("/a", Bytes("one"), None);

        var result = await Store.CreateAsync("/a", Bytes("two"), None);

        Assert.Equal(WriteOutcome.AlreadyExists, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Revision);
        Assert.Equal("one", Text(result.Current!));
        Assert.Equal(1, result.Current!.ModRevision);
        Assert.Equal("one", Text((await Store.GetAsync("/a", None))!));
    }

    [Fact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        await Store.CreateAsync("/a/b", Bytes("x"), None);

        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Null(await Store.GetAsync("/a/b/c", None));
    }

    [Fact]
    public async Task Empty_value_round_trips()
    {
        var created = await Store.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty, None);
        var updated = await Store.UpdateAsync("/empty", ReadOnlyMemory<byte>.Empty, created.Revision, None);

        Assert.True(updated.Succeeded);
        var stored = await Store.GetAsync("/empty", None);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.Value.Length);
        var events = await TakeAsync(Store, "/empty", 0, 2);
        Assert.Equal(0, events[1].PrevKv!.Value.Length);
    }

    [Fact]
    public async Task Stored_value_does_not_change_when_the_caller_reuses_its_buffer()
    {
        var buffer = Bytes("original");

        var result = await Store.CreateAsync("/a", buffer, None);
        Bytes("scribble").CopyTo(buffer, 0);

        Assert.Equal("original", Text(result.Current!));
        Assert.Equal("original", Text((await Store.GetAsync("/a", None))!));
    }

    [Fact]
    public async Task Update_with_current_revision_replaces_value_and_keeps_create_revision()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.CreateAsync("/other", Bytes("x"), None);

        var updated = await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        Assert.Equal(WriteOutcome.Ok, updated.Outcome);
        Assert.Equal(3, updated.Revision);
        Assert.Equal("two", Text(updated.Current!));
        Assert.Equal(1, updated.Current!.CreateRevision);
        Assert.Equal(3, updated.Current.ModRevision);
        Assert.Equal("one", Text(updated.Previous!));
        Assert.Equal(1, updated.Previous!.ModRevision);
        var stored = (await Store.GetAsync("/a", None))!;
        Assert.Equal(("two", 1L, 3L), (Text(stored), stored.CreateRevision, stored.ModRevision));
    }

    [Fact]
    public async Task Update_with_stale_revision_returns_conflict_with_current_value()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        var stale = await Store.UpdateAsync("/a", Bytes("three"), created.Revision, None);

        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);
        Assert.Equal(2, stale.Revision);
        Assert.Equal("two", Text(stale.Current!));
        Assert.Equal(2, stale.Current!.ModRevision);
        Assert.Equal("two", Text((await Store.GetAsync("/a", None))!));
        Assert.Equal(2, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Update_of_a_missing_key_returns_not_found()
    {
        await Store.CreateAsync("/b", Bytes("x"), None);

        var result = await Store.UpdateAsync("/a", Bytes("one"), 1, None);

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Equal(1, result.Revision);
        Assert.Null(result.Current);
        Assert.Null(await Store.GetAsync("/a", None));
    }

    [Fact]
    public async Task Update_without_an_expected_revision_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UpdateAsync("/a", Bytes("one"), 0, None));

        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Equal(0, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Delete_removes_the_key_and_returns_the_deleted_pair()
    {
        await Store.CreateAsync("/a", Bytes("one"), None);

        var deleted = await Store.DeleteAsync("/a", 0, None);

        Assert.Equal(WriteOutcome.Ok, deleted.Outcome);
        Assert.Equal(2, deleted.Revision);
        Assert.Null(deleted.Current);
        Assert.Equal(("one", 1L, 1L), (Text(deleted.Previous!), deleted.Previous!.CreateRevision, deleted.Previous.ModRevision));
        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Equal(2, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Delete_of_a_missing_key_returns_not_found()
    {
        var result = await Store.DeleteAsync("/a", 0, None);

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Equal(0, result.Revision);
        Assert.Equal(0, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Delete_with_stale_expected_revision_returns_conflict_and_keeps_the_key()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        var result = await Store.DeleteAsync("/a", created.Revision, None);

        Assert.Equal(WriteOutcome.Conflict, result.Outcome);
        Assert.Equal("two", Text(result.Current!));
        Assert.Equal(2, result.Current!.ModRevision);
        Assert.NotNull(await Store.GetAsync("/a", None));
    }

    [Fact]
    public async Task Delete_with_matching_expected_revision_succeeds()
    {
        var created = await Store.CreateAsync("/a", Bytes("one"), None);
        var updated = await Store.UpdateAsync("/a", Bytes("two"), created.Revision, None);

        var result = await Store.DeleteAsync("/a", updated.Revision, None);

        Assert.Equal(WriteOutcome.Ok, result.Outcome);
        Assert.Equal("two", Text(result.Previous!));
        Assert.Null(await Store.GetAsync("/a", None));
    }

    [Fact]
    public async Task Create_after_delete_starts_a_new_life_with_a_new_create_revision()
    {
        await Store.CreateAsync("/a", Bytes("one"), None);
        await Store.DeleteAsync("/a", 0, None);

        var again = await Store.CreateAsync("/a", Bytes("two"), None);

        Assert.Equal(WriteOutcome.Ok, again.Outcome);
        Assert.Equal(3, again.Current!.CreateRevision);
        Assert.Equal(3, again.Current.ModRevision);
    }

    [Fact]
    public async Task Revisions_advance_by_exactly_one_per_successful_write_and_not_on_failed_ones()
    {
        var outcomes = new List<(WriteOutcome Outcome, long Revision)>();
        async Task Do(Task<WriteResult> write)
        {
            var r = await write;
            outcomes.Add((r.Outcome, r.Revision));
        }

        await Do(Store.CreateAsync("/a", Bytes("1"), None));          // ok 1
        await Do(Store.CreateAsync("/a", Bytes("x"), None));          // exists
        await Do(Store.CreateAsync("/b", Bytes("1"), None));          // ok 2
        await Do(Store.UpdateAsync("/a", Bytes("2"), 2, None));       // conflict (a is at 1)
        await Do(Store.UpdateAsync("/a", Bytes("2"), 1, None));       // ok 3
        await Do(Store.UpdateAsync("/missing", Bytes("2"), 1, None)); // not found
        await Do(Store.DeleteAsync("/b", 1, None));                   // conflict (b is at 2)
        await Do(Store.DeleteAsync("/b", 2, None));                   // ok 4
        await Do(Store.DeleteAsync("/b", 0, None));                   // not found

        Assert.Equal(
            [
                (WriteOutcome.Ok, 1L), (WriteOutcome.AlreadyExists, 1L), (WriteOutcome.Ok, 2L), (WriteOutcome.Conflict, 2L),
                (WriteOutcome.Ok, 3L), (WriteOutcome.NotFound, 3L), (WriteOutcome.Conflict, 3L), (WriteOutcome.Ok, 4L),
                (WriteOutcome.NotFound, 4L),
            ],
            outcomes);
        Assert.Equal(4, await Store.GetCurrentRevisionAsync(None));
    }

    [Fact]
    public async Task Write_cancelled_before_it_is_submitted_is_not_applied()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CreateAsync("/a", Bytes("one"), cancelled.Token));

        Assert.Null(await Store.GetAsync("/a", None));
        Assert.Equal(1, (await Store.CreateAsync("/b", Bytes("x"), None)).Revision);
    }
}
