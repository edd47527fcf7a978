using System.Globalization;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Runtime.Client;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// <c>binding</c>: how fast the PV binder binds, end to end through the API. First the machine's
/// durable-write baseline, then an in-process cluster: an unmeasured warm-up round, a bulk phase (N volumes, N claims, until all
/// are Bound) and a paced phase (claims at a steady rate, per-claim latency). Prints the figures
/// against their targets and writes them to bench/results/binding-&lt;date&gt;.md.
/// </summary>
internal static class BindingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["-h" or "--help", ..])
        {
            Console.WriteLine(BindingOptions.Usage);
            return 0;
        }
        if (BindingOptions.Parse(args) is not { } options)
        {
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var cancellationToken = stop.Token;

        Console.WriteLine($"binding benchmark: {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, data under {options.Directory}");
        var loadAtStart = LoadAverage();
        Console.WriteLine($"baseline: {options.BaselineRows:N0} durable single-row transactions…");
        var baseline = await DurableInsertBaseline.RunAsync(options.Directory, options.BaselineRows, cancellationToken);
        Console.WriteLine($"  {baseline.TotalSeconds:0.00} s");

        WarmUpResult? warmUp = null;
        BulkResult bulk;
        PacedResult paced;
        IReadOnlyDictionary<(string Category, string Event), long> controllerLog;
        await using (var cluster = await InProcessCluster.StartAsync(options.Directory, cancellationToken))
        {
            await cluster.Client.CreateAsync(ResourceTypes.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = BindingWorkload.Namespace } }, cancellationToken);
            var phases = new BindingPhases(cluster, options);
            try
            {
                if (options.WarmUp > 0)
                {
                    Console.WriteLine($"warm-up: rounds of {options.WarmUp:N0} volumes, then {options.WarmUp:N0} claims…");
                    warmUp = await phases.RunWarmUpAsync(cancellationToken);
                    foreach (var (round, methods) in warmUp.Rounds)
                    {
                        Console.WriteLine($"  all Bound {round.AllBound.TotalSeconds:0.00} s after the first create; {methods:N0} methods compiled");
                    }
                }
                Console.WriteLine($"bulk: {options.Volumes:N0} volumes, then {options.Volumes:N0} claims…");
                bulk = await phases.RunBulkAsync(cancellationToken);
                Console.WriteLine($"  all Bound {bulk.AllBound.TotalSeconds:0.00} s after the first create");
                Console.WriteLine($"paced: pool of {options.Pool:N0}, then {options.Paced:N0} claims at {options.Rate:0}/s…");
                paced = await phases.RunPacedAsync(cancellationToken);
                Console.WriteLine($"  create → Bound p99 {paced.CreateToBound.P99.TotalMilliseconds:0} ms");
            }
            catch (TimeoutException e)
            {
                Console.Error.WriteLine($"gave up: {e.Message}. Controller-manager log entries so far:");
                foreach (var ((category, name), count) in cluster.ControllerLog.Snapshot())
                {
                    Console.Error.WriteLine($"  {category} {name}: {count}");
                }
                return 1;
            }
            controllerLog = cluster.ControllerLog.Snapshot();
        }
        Console.WriteLine("baseline again…");
        var baselineAfter = await DurableInsertBaseline.RunAsync(options.Directory, options.BaselineRows, cancellationToken);
        Console.WriteLine($"  {baselineAfter.TotalSeconds:0.00} s");
        var report = new BindingReport(options, baseline, baselineAfter, warmUp, bulk, paced, controllerLog, loadAtStart, LoadAverage());

        var markdown = report.Markdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.ResultsDirectory is { } results)
        {
            Directory.CreateDirectory(results);
            var path = Path.Combine(results, $"binding-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.md");
            await File.WriteAllTextAsync(path, markdown, CancellationToken.None);
            Console.WriteLine($"written to {path}");
        }
        return report.Correct ? 0 : 1;
    }

    // Other work on the machine moves every figure here; the report says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
