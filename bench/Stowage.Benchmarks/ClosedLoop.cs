using System.Diagnostics;

namespace Stowage.Benchmarks;

/// <summary>
/// A closed-loop load: each worker sends its next request as soon as the previous one answered, until the
/// duration ends. Latency is per request, measured from send to the end of the response body.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="operation"/>(worker, sequence) on each worker for the duration.</summary>
    public static async Task<(Measurement Result, UsageDelta Usage)> RunAsync(
        string name, int workers, TimeSpan duration, Func<int, int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var before = ProcessUsage.Now();
        var end = before.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var m = new Measurement(string.Empty);
            long now;
            for (var i = 0; (now = Stopwatch.GetTimestamp()) < end && !cancellationToken.IsCancellationRequested; i++)
            {
                await operation(w, i, cancellationToken);
                m.Add(now, Stopwatch.GetTimestamp());
            }

            return m;
        }, cancellationToken)));

        var usage = ProcessUsage.Now().Since(before);
        var total = new Measurement(name) { Elapsed = usage.Elapsed };
        foreach (var m in perWorker)
        {
            total.Merge(m);
        }

        return (total, usage);
    }

    /// <summary>
    /// As <see cref="RunAsync"/> with blocking operations, each worker on a thread of its own (the load
    /// generator's threads must not take the thread pool's, which serve the API server in this process).
    /// </summary>
    public static (Measurement Result, UsageDelta Usage) RunOnThreads(
        string name, int workers, TimeSpan duration, Action<int, int> operation, CancellationToken cancellationToken)
    {
        var before = ProcessUsage.Now();
        var end = before.Timestamp + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new Measurement[workers];
        var errors = new Exception?[workers];
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            var m = new Measurement(string.Empty);
            try
            {
                long now;
                for (var i = 0; (now = Stopwatch.GetTimestamp()) < end && !cancellationToken.IsCancellationRequested; i++)
                {
                    operation(w, i);
                    m.Add(now, Stopwatch.GetTimestamp());
                }
            }
            catch (Exception e)
            {
                errors[w] = e;
            }

            perWorker[w] = m;
        }) { IsBackground = true, Name = $"load {w}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw new InvalidOperationException($"{name}: a worker failed", error);
        }

        var usage = ProcessUsage.Now().Since(before);
        var total = new Measurement(name) { Elapsed = usage.Elapsed };
        foreach (var m in perWorker)
        {
            total.Merge(m);
        }

        return (total, usage);
    }
}
