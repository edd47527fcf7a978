using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Stowage.Benchmarks;

/// <summary>The figures of one <c>api</c> run, each next to its target, as a markdown report.</summary>
internal sealed class ApiReport
{
    private const double CreateRatioTarget = 2.0;
    private const double CreateP99TargetMs = 3.0;
    private const double ListTargetSeconds = 1.0;
    private const double GetTargetPerSecond = 20_000;

    private readonly ApiBenchmarkOptions _options;
    private readonly DateTimeOffset _started = DateTimeOffset.Now;

    public ApiReport(ApiBenchmarkOptions options)
    {
        _options = options;
    }

    public (Measurement Result, UsageDelta Usage) Baseline { get; set; }

    public (Measurement Result, UsageDelta Usage) Creates { get; set; }

    public (Measurement Result, UsageDelta Usage) SingleCreates { get; set; }

    public (Measurement Result, UsageDelta Usage) HttpClientCreates { get; set; }

    public (Measurement Result, UsageDelta Usage) Gets { get; set; }

    public (Measurement Result, UsageDelta Usage) Fill { get; set; }

    public (Measurement Result, UsageDelta Usage) Healthz { get; set; }

    public ListResult List { get; set; } = null!;

    public ListResult TableList { get; set; } = null!;

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.Write(Markdown());
    }

    /// <summary>Writes the report to <c>api-&lt;date&gt;.md</c> under <paramref name="directory"/>.</summary>
    public async Task<string> WriteMarkdownAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"api-{_started:yyyy-MM-dd}.md");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# API benchmark, {_started:yyyy-MM-dd}")
            .AppendLine()
            .AppendLine("`dotnet run -c Release --project bench/Stowage.Benchmarks -- api`")
            .AppendLine()
            .Append(Markdown())
            .ToString();
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return path;
    }

    private string Markdown()
    {
        var o = _options;
        var baseline = Baseline.Result.PerSecond;
        var creates = Creates.Result;
        var single = SingleCreates.Result;
        var gets = Gets.Result;
        var ratio = creates.PerSecond / baseline;
        var singleP99 = single.PercentileMilliseconds(0.99) ?? double.NaN;
        var list = List.Median.TotalSeconds;

        var s = new StringBuilder();
        s.AppendLine(Invariant($"Stowage {Git("rev-parse --short HEAD")} ({Git("rev-parse --abbrev-ref HEAD")}), {_started:yyyy-MM-dd HH:mm zzz}; {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, SQLite {RawSqliteInserts.SqliteVersion()}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {Build()}{Niceness()}."));
        s.AppendLine();
        s.AppendLine(Invariant($"The server runs in the benchmark process and the clients reach it over HTTPS on 127.0.0.1 with HTTP/1.1, one keep-alive connection per client: **server and load generator share the {Environment.ProcessorCount} cores**, so every server figure is understated. The create phases (fill, 2, 3) use a wrk-style client (`RawHttpsConnection`: one TLS connection per client thread, blocking I/O, whole response read and its status checked); 2b runs the same load through .NET's HttpClient; LIST and GET use HttpClient. Each PV body is {PvBody.Size} B of JSON (CSI source, labels, an annotation as padding) with a unique name; creates are durable (WAL, synchronous=FULL) before the 201."));
        s.AppendLine();
        s.AppendLine("| # | Case | Measured | Target | Met |");
        s.AppendLine("|---|---|---|---|---|");
        s.AppendLine(Invariant($"| 1 | Raw SQLite, 1 durable INSERT (1 KiB) per transaction, 1 writer, {o.Baseline.TotalSeconds:0.#} s | **{baseline:N0} rows/s** (commit p50 {Baseline.Result.Percentile(0.5)} ms, p99 {Baseline.Result.Percentile(0.99)} ms) | baseline | |"));
        s.AppendLine(Invariant($"| 2 | PV creates (POST), {o.Clients} clients, {o.Throughput.TotalSeconds:0.#} s | **{creates.PerSecond:N0} creates/s = {ratio:0.00}x baseline** (p50 {creates.Percentile(0.5)} ms, p99 {creates.Percentile(0.99)} ms) | >= {CreateRatioTarget:0}x baseline (>= {CreateRatioTarget * baseline:N0}/s) | {Met(ratio >= CreateRatioTarget)} |"));
        s.AppendLine(Invariant($"| 2b | PV creates (POST), {o.Clients} clients on .NET's HttpClient, {o.Latency.TotalSeconds:0.#} s | {HttpClientCreates.Result.PerSecond:N0} creates/s = {HttpClientCreates.Result.PerSecond / baseline:0.00}x baseline (p50 {HttpClientCreates.Result.Percentile(0.5)} ms, p99 {HttpClientCreates.Result.Percentile(0.99)} ms) | (information: the same load from a heavier client) | |"));
        s.AppendLine(Invariant($"| 3 | PV create latency, 1 client, sequential, {o.Latency.TotalSeconds:0.#} s | **p50 {single.Percentile(0.5)} ms, p99 {single.Percentile(0.99)} ms** ({single.PerSecond:N0} creates/s, max {single.Percentile(1)} ms) | p99 <= {CreateP99TargetMs:0} ms | {Met(singleP99 <= CreateP99TargetMs)} |"));
        s.AppendLine(Invariant($"| 4 | LIST {o.ListObjects:N0} PVs, JSON, median of {o.ListRuns} | **{List.Median.TotalMilliseconds:N0} ms** (runs {Runs(List)}; {List.Bytes / 1e6:0.0} MB) | <= {ListTargetSeconds:0} s | {Met(list <= ListTargetSeconds)} |"));
        s.AppendLine(Invariant($"| 4b | LIST {o.ListObjects:N0} PVs, Table (`as=Table;v=v1;g=meta.k8s.io`), median of {o.ListRuns} | {TableList.Median.TotalMilliseconds:N0} ms (runs {Runs(TableList)}; {TableList.Bytes / 1e6:0.0} MB) | (information) | |"));
        s.AppendLine(Invariant($"| 5 | GET one PV, {o.Clients} connections, {o.Get.TotalSeconds:0.#} s | **{gets.PerSecond:N0} gets/s, p99 {gets.Percentile(0.99)} ms** (p50 {gets.Percentile(0.5)} ms) | >= {GetTargetPerSecond:N0}/s | {Met(gets.PerSecond >= GetTargetPerSecond)} |"));
        s.AppendLine(Invariant($"| 5b | GET /healthz (no API work: TLS, HTTP/1.1, client), {o.Clients} connections, {o.Ceiling.TotalSeconds:0.#} s | {Healthz.Result.PerSecond:N0} requests/s, p99 {Healthz.Result.Percentile(0.99)} ms | (information: the ceiling of this load generator here) | |"));
        s.AppendLine();
        s.AppendLine("Per phase (CPU and allocation are the whole process: server and clients together; latency is send to last byte of the response):");
        s.AppendLine();
        s.AppendLine("| Phase | Requests | Requests/s | p50 ms | p99 ms | max ms | CPU cores busy | other processes, cores | KiB allocated/request | GCs gen0/1/2 | GC pause |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (m, u) in new[] { Baseline, Fill, Creates, HttpClientCreates, SingleCreates, Gets, Healthz })
        {
            s.AppendLine(Invariant($"| {m.Name} | {m.Operations:N0} | {m.PerSecond:N0} | {m.Percentile(0.5)} | {m.Percentile(0.99)} | {m.Percentile(1)} | {u.Cores:0.00} | {Other(u)} | {u.AllocatedBytes / 1024.0 / Math.Max(1, m.Operations):N1} | {u.Gen0}/{u.Gen1}/{u.Gen2} | {u.GcPauseShare:P1} |"));
        }

        foreach (var (name, l) in new[] { ("LIST, JSON (median run)", List), ("LIST, Table (median run)", TableList) })
        {
            var u = l.MedianRun;
            s.AppendLine(Invariant($"| {name} | 1 | - | {u.Elapsed.TotalMilliseconds:0} | - | - | {u.Cores:0.00} | {Other(u)} | {u.AllocatedBytes / 1024.0:N0} | {u.Gen0}/{u.Gen1}/{u.Gen2} | {u.GcPauseShare:P1} |"));
        }

        return s.ToString();
    }

    private static string Other(UsageDelta u) => u.OtherCores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "?";

    // The scheduling priority, where it was raised or lowered (field 19 of /proc/self/stat): on a shared
    // machine a run may be given priority over other work, and the report should say so.
    private static string Niceness()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[16] is var nice and not "0" ? $", nice {nice}" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Runs(ListResult l) => string.Join(", ", l.Runs.Select(r => r.Elapsed.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Build() =>
#if DEBUG
        "**Debug build**";
#else
        "Release build";
#endif

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? text : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
