using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Stowage.Benchmarks.Binding;

/// <summary>The figures against their targets, as a console table and a markdown file.</summary>
internal sealed class BindingReport(BindingOptions options, TimeSpan baseline, TimeSpan baselineAfter, WarmUpResult? warmUp, BulkResult bulk, PacedResult paced,
    IReadOnlyDictionary<(string Category, string Event), long> controllerLog, string loadAtStart, string loadAtEnd)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The bulk phase may take at most this many baselines.</summary>
    public const double BulkTargetFactor = 2.0;

    /// <summary>p99 target of the paced phase.</summary>
    public static readonly TimeSpan PacedP99Target = TimeSpan.FromSeconds(1);

    public bool BulkMet => bulk.AllBound <= baseline * BulkTargetFactor;

    public bool PacedMet => paced.CreateToBound.P99 <= PacedP99Target;

    public bool Correct => bulk.Problems.Count == 0 && paced.Problems.Count == 0 && (warmUp?.Rounds.All(r => r.Round.Problems.Count == 0) ?? true);

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# Binding benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(Invariant, $"`dotnet run -c Release --project bench/Stowage.Benchmarks -- binding` on {Environment.ProcessorCount} CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, SQLite {SqliteVersion()}, data under `{options.Directory}`.");
        md.AppendLine("API server and controller manager run in one process, as `stowage server` runs them; the benchmark's client and watches share that process.");
        md.AppendLine(Invariant, $"Machine load (1/5/15-minute load average) at the start: {loadAtStart}; at the end: {loadAtEnd}.");
        md.AppendLine();
        md.AppendLine("| measure | figure | target | |");
        md.AppendLine("|---|---|---|---|");
        md.AppendLine(Invariant, $"| baseline: {options.BaselineRows:N0} rows of 1 KiB, one durable transaction each (WAL, synchronous=FULL) | {Seconds(baseline)} ({options.BaselineRows / baseline.TotalSeconds:0} rows/s) | — | |");
        md.AppendLine(Invariant, $"| {bulk.Claims:N0} claims over {bulk.Claims:N0} Available volumes: first create → all Bound | {Seconds(bulk.AllBound)} ({bulk.Claims / bulk.AllBound.TotalSeconds:0} binds/s, {bulk.AllBound / baseline:0.00}× baseline) | ≤ {Seconds(baseline * BulkTargetFactor)} ({BulkTargetFactor:0}× baseline) | {Verdict(BulkMet)} |");
        md.AppendLine(Invariant, $"| {paced.Claims:N0} claims at {options.Rate:0}/s: create response → seen Bound, p50 / p90 / p99 / max | {paced.CreateToBound} | p99 ≤ {PacedP99Target.TotalMilliseconds:0} ms | {Verdict(PacedMet)} |");
        md.AppendLine(Invariant, $"| correctness: every claim Bound to its own volume, claimRef pointing back | {(Correct ? "yes" : "NO")} ({bulk.DistinctVolumes:N0} + {paced.DistinctVolumes:N0} distinct volumes) | all | {Verdict(Correct)} |");
        md.AppendLine();
        md.AppendLine("## Details");
        md.AppendLine();
        md.AppendLine(Invariant, $"- Baseline measured again after the cluster stopped: {Seconds(baselineAfter)} — the disk is shared, so the yardstick moves; the target uses the first measurement.");
        if (warmUp is not null)
        {
            var rounds = string.Join("; ", warmUp.Rounds.Select(r =>
                string.Create(Invariant, $"{Seconds(r.Round.AllBound)} to all Bound, {r.Round.ProcessCpu.TotalSeconds:0.0} s of CPU, {r.MethodsCompiled:N0} methods compiled")));
            md.AppendLine(Invariant, $"- Warm-up before the bulk phase (same workload, {options.WarmUp:N0} volumes and claims per round, not measured against the target; rounds repeat until one compiles fewer than {BindingPhases.SettledMethods} methods, at most {BindingPhases.MaxWarmUpRounds}): {rounds}. Each round's claims bound its own volumes.");
        }
        else
        {
            md.AppendLine("- No warm-up round: the bulk phase includes .NET compiling the server's paths.");
        }
        md.AppendLine(Invariant, $"- Bulk: .NET compiled {bulk.MethodsCompiled:N0} methods in {bulk.CompilationTime.TotalSeconds:0.00} s of JIT time from the first claim create until all were Bound.");
        md.AppendLine(Invariant, $"- Bulk: {bulk.Claims:N0} volumes created in {Seconds(bulk.VolumesCreated)} ({options.Concurrency} in flight); all Available with pv-protection after {Seconds(bulk.VolumesReady)}.");
        md.AppendLine(Invariant, $"- Bulk: {bulk.Claims:N0} claims created in {Seconds(bulk.ClaimsCreated)} ({bulk.Claims / bulk.ClaimsCreated.TotalSeconds:0}/s, {options.Concurrency} in flight); per claim, create response → Bound p50 / p90 / p99 / max: {bulk.CreateToBound}; the claim watch (fieldSelector status.phase=Bound) read {bulk.WatchEvents:N0} events; the process used {bulk.ProcessCpu.TotalSeconds:0.0} s of CPU from the first create until all were Bound ({bulk.ProcessCpu / bulk.AllBound / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} CPUs); the datastore took {bulk.StoreWrites:N0} writes ({bulk.StoreWrites / (double)bulk.Claims:0.0} per claim) in {bulk.StoreCommits:N0} commits ({bulk.StoreWrites / (double)Math.Max(1, bulk.StoreCommits):0.0} writes per fsync).");
        md.AppendLine(Invariant, $"- Paced: pool of {paced.Pool:N0} volumes ready in {Seconds(paced.PoolReady)}; {paced.AchievedRate:0.0} creates/s achieved (latest create {LatencySummary.Ms(paced.MaxPacerLag)} ms behind schedule); create call p50 / p90 / p99 / max: {paced.CreateCall}.");
        foreach (var problem in (warmUp?.Rounds.SelectMany(r => r.Round.Problems) ?? []).Concat(bulk.Problems).Concat(paced.Problems).Take(20))
        {
            md.AppendLine(Invariant, $"- Problem: {problem}");
        }
        md.AppendLine();
        md.AppendLine("Controller-manager log entries during the run (reconcile retries are the `…Failed…` entries, with the API's answer):");
        md.AppendLine();
        md.AppendLine("| logger | entry | count |");
        md.AppendLine("|---|---|---|");
        foreach (var ((category, name), count) in controllerLog.OrderBy(e => e.Key.Category, StringComparer.Ordinal).ThenBy(e => e.Key.Event, StringComparer.Ordinal))
        {
            md.AppendLine(Invariant, $"| {category} | {name} | {count:N0} |");
        }
        return md.ToString();
    }

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", Invariant) + " s";

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version();";
        return (string)command.ExecuteScalar()!;
    }
}
