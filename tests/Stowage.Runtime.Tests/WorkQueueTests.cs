using Stowage.Runtime.Queues;

namespace Stowage.Runtime.Tests;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task Repeated_adds_of_a_waiting_key_merge_into_one()
    {
        using var q = new WorkQueue<string>(TimeProvider.System);
        q.Add("a");
        q.Add("a");
        q.Add("b");
        Assert.Equal(2, q.Count);
        var (_, first) = await q.GetAsync(CancellationToken.None);
        Assert.Equal("a", first);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_to_a_second_worker_but_is_requeued_after_Done()
    {
        using var q = new WorkQueue<string>(TimeProvider.System);
        q.Add("a");
        var (_, item) = await q.GetAsync(CancellationToken.None);
        q.Add("a"); // changed while being processed
        Assert.Equal(0, q.Count);
        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => q.GetAsync(none.Token));
        q.Done(item);
        Assert.Equal(1, q.Count);
        var (_, again) = await q.GetAsync(CancellationToken.None);
        Assert.Equal("a", again);
    }

    [Fact]
    public async Task Concurrent_workers_never_hold_the_same_key_at_once()
    {
        using var q = new WorkQueue<string>(TimeProvider.System);
        var holding = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var violations = 0;
        var processed = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                q.Add("k" + (i % 7));
            }
        });
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref processed) < 2_000 && !cts.IsCancellationRequested)
            {
                var (ok, key) = await q.GetAsync(cts.Token);
                if (!ok) return;
                if (holding.AddOrUpdate(key, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref violations);
                await Task.Yield();
                holding.AddOrUpdate(key, 0, (_, n) => n - 1);
                Interlocked.Increment(ref processed);
                q.Done(key);
                q.Add(key);
            }
        })).ToList();
        await producer;
        await Task.WhenAll(workers);
        Assert.Equal(0, violations);
    }

    [Fact]
    public void Backoff_grows_exponentially_and_resets_on_forget()
    {
        var backoff = new ItemBackoff<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.Next("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), backoff.Next("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), backoff.Next("a"));
        for (var i = 0; i < 20; i++) backoff.Next("a");
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next("a"));
        backoff.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.Next("a"));
    }
}
