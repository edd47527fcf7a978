using System.Collections.Concurrent;
using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Sixty_four_concurrent_writers_all_succeed_with_distinct_revisions()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => Store.CreateAsync($"/many/{i:D2}", Bytes($"{i}"), None))));

        Assert.All(results, r => Assert.Equal(WriteOutcome.Ok, r.Outcome));
        Assert.Equal(Enumerable.Range(1, 64).Select(r => (long)r), results.Select(r => r.Revision).Order());
        Assert.Equal(64, await Store.GetCurrentRevisionAsync(None));
        var all = await Store.RangeAsync("/many/", RangeOptions.All, None);
        Assert.Equal(64, all.Items.Count);
        Assert.All(results, r => Assert.Equal(r.Revision, all.Items.Single(kv => kv.Key == r.Current!.Key).ModRevision));
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_updates_let_exactly_one_win_per_revision()
    {
        const int workers = 8;
        const int incrementsEach = 15;
        await Store.CreateAsync("/counter", Bytes("0"), None);
        var wins = new ConcurrentBag<(long Expected, long Revision)>();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsEach;)
            {
                var current = (await Store.GetAsync("/counter", None))!;
                var next = (int.Parse(Text(current), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var result = await Store.UpdateAsync("/counter", Bytes(next), current.ModRevision, None);
                if (result.Succeeded)
                {
                    wins.Add((current.ModRevision, result.Revision));
                    done++;
                }
                else
                {
                    Assert.Equal(WriteOutcome.Conflict, result.Outcome);
                    Assert.NotEqual(current.ModRevision, result.Current!.ModRevision);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        // The winners form one chain: each won from the revision the previous winner wrote.
        var chain = wins.OrderBy(w => w.Revision).ToList();
        Assert.Equal(workers * incrementsEach, chain.Count);
        Assert.Equal(chain.Count, chain.Select(w => w.Expected).Distinct().Count());
        for (var i = 0; i < chain.Count; i++)
        {
            Assert.Equal(i == 0 ? 1 : chain[i - 1].Revision, chain[i].Expected);
            Assert.Equal(i + 2, chain[i].Revision);
        }

        Assert.Equal($"{workers * incrementsEach}", Text((await Store.GetAsync("/counter", None))!));
    }

    /// <summary>Shared by backends that drop slow watchers: a watcher that never reads is dropped with WatchLaggedException.</summary>
    protected static async Task AssertSlowWatcherIsDroppedAsync(IStore store, int queueCapacity)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var deadline = new CancellationTokenSource(Deadline);
        await using var watch = store.WatchAsync("/slow/", 0, deadline.Token).GetAsyncEnumerator(deadline.Token);

        // Start the watch (it registers on the first read) and take one event, then stop reading.
        var first = watch.MoveNextAsync().AsTask();
        await store.CreateAsync("/slow/0", Bytes("x"), CancellationToken.None);
        Assert.True(await first);
        // Revisions 2 .. capacity+1 fill the queue and capacity+2 overflows it. The last write completes only
        // after the write before it was published (the SQLite writer publishes a batch before taking the next).
        for (var i = 1; i <= queueCapacity + 2; i++)
        {
            await store.CreateAsync($"/slow/{i}", Bytes("x"), CancellationToken.None);
        }

        // The queued events are still delivered, then the stream fails.
        var delivered = 1;
        var error = await Assert.ThrowsAsync<WatchLaggedException>(async () =>
        {
            while (await watch.MoveNextAsync())
            {
                delivered++;
            }
        });
        Assert.NotNull(error);
        Assert.Equal(1 + queueCapacity, delivered);
    }
}
