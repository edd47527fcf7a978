using System.Diagnostics;
using System.Runtime;
using Stowage.Api.Core;
using Stowage.Controllers.Protection;
using Stowage.Runtime.Client;

namespace Stowage.Benchmarks.Binding;

/// <summary>The two measured phases, run against one <see cref="InProcessCluster"/>.</summary>
internal sealed class BindingPhases(InProcessCluster cluster, BindingOptions options)
{
    private ApiClient Client => cluster.Client;

    /// <summary>
    /// Bulk: N volumes (waited for until Available and protected), then N claims created with
    /// <see cref="BindingOptions.Concurrency"/> requests in flight; measured from the first claim
    /// create until the watch has shown every claim Bound.
    /// </summary>
    public Task<BulkResult> RunBulkAsync(CancellationToken cancellationToken) => RunBulkAsync("bulk", options.Volumes, cancellationToken);

    /// <summary>
    /// The same round, smaller and unmeasured, before the bulk phase: its volumes and claims fill every
    /// cell equally, so they bind among themselves and leave nothing for the bulk claims. It runs the
    /// create, bind and update paths until .NET has compiled them optimized (tiered compilation), so the
    /// bulk phase measures a server that has been running rather than the JIT.
    /// </summary>
    /// <remarks>
    /// Rounds repeat (at most <see cref="MaxWarmUpRounds"/>) until one leaves .NET compiling fewer than
    /// <see cref="SettledMethods"/> methods: a method reaches its optimized code only after two rounds of
    /// 30 calls (tier 0, then instrumented), so one round can leave much of the bind path unoptimized.
    /// </remarks>
    public async Task<WarmUpResult> RunWarmUpAsync(CancellationToken cancellationToken)
    {
        var rounds = new List<(BulkResult Round, long MethodsCompiled)>();
        for (var r = 1; r <= MaxWarmUpRounds; r++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            var round = await RunBulkAsync($"warmup{r}", options.WarmUp, cancellationToken);
            await JitQuietAsync(cancellationToken);
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            rounds.Add((round, compiled));
            if (compiled < SettledMethods)
            {
                break;
            }
        }
        return new WarmUpResult(rounds);
    }

    /// <summary>Warm-up rounds at most.</summary>
    public const int MaxWarmUpRounds = 4;

    /// <summary>A warm-up round that compiles fewer methods than this ends the warm-up.</summary>
    public const int SettledMethods = 200;

    // Waits (up to 5 s) until a quarter second passes without a method compiled: the background
    // compiler's queue from the round is drained.
    private static async Task JitQuietAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        var last = JitInfo.GetCompiledMethodCount();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(250, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == last)
            {
                return;
            }
            last = now;
        }
    }

    private async Task<BulkResult> RunBulkAsync(string prefix, int n, CancellationToken cancellationToken)
    {
        var (volumesCreated, volumesReady) = await PrepareVolumesAsync(prefix + "-pv", n, cancellationToken);

        await using var bound = await WatchBoundAsync(prefix, cancellationToken);
        var created = new long[n];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitBefore = (Methods: JitInfo.GetCompiledMethodCount(), Time: JitInfo.GetCompilationTime());
        var storeBefore = await cluster.StoreCountersAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await InParallelAsync(n, options.Concurrency, async i =>
        {
            await Client.CreateAsync(ResourceTypes.PersistentVolumeClaims, BindingWorkload.Claim(prefix, i), cancellationToken);
            created[i] = Stopwatch.GetTimestamp();
        }, cancellationToken);
        var claimsCreated = Stopwatch.GetElapsedTime(started);
        await bound.WaitForCountAsync(n, options.Patience, cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jit = (Methods: JitInfo.GetCompiledMethodCount() - jitBefore.Methods, Time: JitInfo.GetCompilationTime() - jitBefore.Time);
        var storeAfter = await cluster.StoreCountersAsync(cancellationToken);

        var boundAt = Enumerable.Range(0, n).Select(i => bound.MetAt(BindingWorkload.Claim(prefix, i).Metadata.Name!)!.Value).ToArray();
        var allBound = Stopwatch.GetElapsedTime(started, boundAt.Max());
        var (problems, distinct) = await BindingVerification.CheckAsync(Client, prefix, n, cancellationToken);
        return new BulkResult(n, volumesCreated, volumesReady, claimsCreated, allBound,
            new LatencySummary(boundAt.Select((at, i) => Math.Max(0, at - created[i]))), problems, distinct, bound.Events, cpu,
            storeAfter.Writes - storeBefore.Writes, storeAfter.Commits - storeBefore.Commits, jit.Methods, jit.Time);
    }

    /// <summary>
    /// Paced: a pool of Available volumes, then claims created one every 1/rate seconds on an
    /// absolute schedule (a late create does not shift the later ones); per claim, the time from its
    /// create response to the watch event showing it Bound.
    /// </summary>
    public async Task<PacedResult> RunPacedAsync(CancellationToken cancellationToken)
    {
        var n = options.Paced;
        var (_, poolReady) = await PrepareVolumesAsync("paced-pv", options.Pool, cancellationToken);

        await using var bound = await WatchBoundAsync("paced", cancellationToken);
        var sent = new long[n];
        var created = new long[n];
        var interval = (long)(Stopwatch.Frequency / options.Rate);
        var creates = new Task[n];
        long maxLag = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            var due = started + i * interval;
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(Stopwatch.GetElapsedTime(0, wait), cancellationToken);
            }
            maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - due);
            var index = i;
            sent[index] = Stopwatch.GetTimestamp();
            creates[index] = Task.Run(async () =>
            {
                await Client.CreateAsync(ResourceTypes.PersistentVolumeClaims, BindingWorkload.Claim("paced", index), cancellationToken);
                created[index] = Stopwatch.GetTimestamp();
            }, cancellationToken);
        }
        await Task.WhenAll(creates);
        var rate = (n - 1) / Stopwatch.GetElapsedTime(started, sent[^1]).TotalSeconds;
        await bound.WaitForCountAsync(n, options.Patience, cancellationToken);

        var boundAt = Enumerable.Range(0, n).Select(i => bound.MetAt(BindingWorkload.Claim("paced", i).Metadata.Name!)!.Value).ToArray();
        var (problems, distinct) = await BindingVerification.CheckAsync(Client, "paced", n, cancellationToken);
        return new PacedResult(n, options.Pool, poolReady, rate, Stopwatch.GetElapsedTime(0, maxLag),
            new LatencySummary(created.Select((at, i) => at - sent[i])),
            new LatencySummary(boundAt.Select((at, i) => Math.Max(0, at - created[i]))), problems, distinct);
    }

    /// <summary>Creates volumes and waits until each is Available and carries pv-protection (so no write to it is still pending).</summary>
    private async Task<(TimeSpan Created, TimeSpan Ready)> PrepareVolumesAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        await using var ready = new ConditionWatch<PersistentVolume>(Client, ResourceTypes.PersistentVolumes, null,
            pv => pv.Metadata.Name!.StartsWith(prefix + "-", StringComparison.Ordinal)
                && pv.Status?.Phase == "Available"
                && pv.Metadata.Finalizers?.Contains(Finalizers.PvProtection) == true, "status.phase=Available");
        await ready.StartAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await InParallelAsync(count, options.Concurrency,
            i => Client.CreateAsync(ResourceTypes.PersistentVolumes, BindingWorkload.Volume(prefix, i), cancellationToken), cancellationToken);
        var created = Stopwatch.GetElapsedTime(started);
        await ready.WaitForCountAsync(count, options.Patience, cancellationToken);
        return (created, Stopwatch.GetElapsedTime(started));
    }

    private async Task<ConditionWatch<PersistentVolumeClaim>> WatchBoundAsync(string prefix, CancellationToken cancellationToken)
    {
        var watch = new ConditionWatch<PersistentVolumeClaim>(Client, ResourceTypes.PersistentVolumeClaims, BindingWorkload.Namespace,
            pvc => pvc.Metadata.Name!.StartsWith(prefix + "-", StringComparison.Ordinal) && pvc.Status?.Phase == "Bound", "status.phase=Bound");
        await watch.StartAsync(cancellationToken);
        return watch;
    }

    /// <summary>Runs <paramref name="action"/> for 0..count-1 with at most <paramref name="concurrency"/> running.</summary>
    private static Task InParallelAsync(int count, int concurrency, Func<int, Task> action, CancellationToken cancellationToken)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await action(i);
            }
        }, cancellationToken)));
    }
}
