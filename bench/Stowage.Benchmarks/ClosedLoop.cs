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
}
