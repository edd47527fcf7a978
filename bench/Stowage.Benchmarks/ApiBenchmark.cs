using System.Security.Cryptography.X509Certificates;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Stowage.Server.Hosting;

namespace Stowage.Benchmarks;

/// <summary>
/// The full API path against the raw SQLite baseline, in one run: durable PV creates at 32 clients and at one,
/// a cluster-scope LIST of 100,000 PVs (JSON and Table), and GET of one object at 32 connections.
/// </summary>
/// <remarks>
/// The server runs in this process (<see cref="StowageServer.StartAsync"/>) and the clients talk to it over real
/// HTTPS on loopback, so server and load generator share the machine's cores, as the research anchors' wrk runs
/// did. Every phase warms up first; a full collection runs between phases so one phase's garbage is not
/// charged to the next.
/// </remarks>
internal sealed class ApiBenchmark
{
    private const string PvPath = "api/v1/persistentvolumes";
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private readonly ApiBenchmarkOptions _options;

    public ApiBenchmark(ApiBenchmarkOptions options)
    {
        _options = options;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = _options;
        var report = new ApiReport(o);
        Console.WriteLine($"api benchmark: {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, SQLite {RawSqliteInserts.SqliteVersion()}, under {o.Directory}");

        Console.WriteLine($"1. raw SQLite baseline, {o.Baseline.TotalSeconds:0.#} s …");
        var before = ProcessUsage.Now();
        var baseline = await RawSqliteInserts.RunInFreshDatabaseAsync(o.Directory, rowsPerTransaction: 1, o.Baseline, cancellationToken);
        report.Baseline = (baseline, ProcessUsage.Now().Since(before));
        Console.WriteLine($"   {baseline.PerSecond:0} rows/s");

        var dataDir = Path.Combine(o.Directory, $"stowage-bench-api-{Guid.NewGuid():N}");
        try
        {
            await using var server = await StowageServer.StartAsync(new ServerOptions { DataDir = dataDir, Port = 0 }, logging: null, cancellationToken);
            using var clients = new ApiClients(server.Url, Path.Combine(dataDir, "pki", "ca.crt"), server.Credentials.AdminToken);
            var pool = clients.Create(o.Clients);
            var single = clients.Create();
            using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataDir, "pki", "ca.crt")));
            var raw = Enumerable.Range(0, o.Clients + 1).Select(_ => RawHttpsConnection.Open(server.Url, ca, server.Credentials.AdminToken)).ToList();
            try
            {
                await RunPhasesAsync(report, pool, single, raw[..^1], raw[^1], cancellationToken);
            }
            finally
            {
                raw.ForEach(c => c.Dispose());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }

        report.Print(Console.Out);
        if (o.ResultsDirectory is { } results)
        {
            var path = await report.WriteMarkdownAsync(results, cancellationToken);
            Console.WriteLine($"wrote {path}");
        }
    }

    private async Task RunPhasesAsync(
        ApiReport report, IReadOnlyList<HttpClient> pool, HttpClient single, List<RawHttpsConnection> rawPool, RawHttpsConnection rawSingle, CancellationToken cancellationToken)
    {
        var o = _options;

        // Warm-up: JIT, connection handshakes, SQLite page cache, read sessions.
        Console.WriteLine("   warming up …");
        await ClosedLoop.RunAsync("warm-up creates", pool.Count, o.Warmup, (w, i, ct) => CreateAsync(pool[w], Name("warm", w, i), ct), cancellationToken);
        await ClosedLoop.RunAsync("warm-up creates", 1, o.Warmup, (_, i, ct) => CreateAsync(single, Name("warm1", 0, i), ct), cancellationToken);
        await ClosedLoop.RunAsync("warm-up gets", pool.Count, o.Warmup, (w, _, ct) => GetAsync(pool[w], Name("warm", w, 0), ct), cancellationToken);

        // 4 (first, so the list holds exactly the PVs asked for): fill, then list.
        var existing = await CountAsync(single, cancellationToken);
        Console.WriteLine($"4. creating {o.ListObjects - existing} PVs to reach {o.ListObjects} …");
        report.Fill = Fill(rawPool, o.ListObjects - existing, cancellationToken);
        var count = await CountAsync(single, cancellationToken);
        if (count != o.ListObjects)
        {
            throw new InvalidOperationException($"expected {o.ListObjects} PVs before the list, found {count}");
        }

        Console.WriteLine($"   {report.Fill.Result.PerSecond:0} creates/s; listing (JSON) …");
        report.List = await ListAsync(single, accept: null, "items", cancellationToken);
        Console.WriteLine($"   median {report.List.Median.TotalMilliseconds:0} ms; listing (Table) …");
        report.TableList = await ListAsync(single, TableAccept, "rows", cancellationToken);
        Console.WriteLine($"   median {report.TableList.Median.TotalMilliseconds:0} ms");

        Collect();
        Console.WriteLine($"2. PV creates, {rawPool.Count} clients, {o.Throughput.TotalSeconds:0.#} s …");
        ClosedLoop.RunOnThreads("warm-up creates", rawPool.Count, o.Warmup, (w, i) => Create(rawPool[w], Name("warm2", w, i)), cancellationToken);
        report.Creates = ClosedLoop.RunOnThreads($"PV creates, {rawPool.Count} clients", rawPool.Count, o.Throughput,
            (w, i) => Create(rawPool[w], Name("c", w, i)), cancellationToken);
        Console.WriteLine($"   {report.Creates.Result.PerSecond:0} creates/s");

        Collect();
        Console.WriteLine($"2b. PV creates, {pool.Count} HttpClient clients, {o.Latency.TotalSeconds:0.#} s …");
        await ClosedLoop.RunAsync("warm-up creates", pool.Count, o.Warmup, (w, i, ct) => CreateAsync(pool[w], Name("warm2b", w, i), ct), cancellationToken);
        report.HttpClientCreates = await ClosedLoop.RunAsync($"PV creates, {pool.Count} HttpClient clients", pool.Count, o.Latency,
            (w, i, ct) => CreateAsync(pool[w], Name("h", w, i), ct), cancellationToken);
        Console.WriteLine($"   {report.HttpClientCreates.Result.PerSecond:0} creates/s");

        Collect();
        Console.WriteLine($"3. PV creates, 1 client, {o.Latency.TotalSeconds:0.#} s …");
        ClosedLoop.RunOnThreads("warm-up creates", 1, o.Warmup, (_, i) => Create(rawSingle, Name("warm3", 0, i)), cancellationToken);
        report.SingleCreates = ClosedLoop.RunOnThreads("PV creates, 1 client", 1, o.Latency,
            (_, i) => Create(rawSingle, Name("s", 0, i)), cancellationToken);
        Console.WriteLine($"   p99 {report.SingleCreates.Result.Percentile(0.99)} ms");

        Collect();
        Console.WriteLine($"5. GET one PV, {pool.Count} connections, {o.Get.TotalSeconds:0.#} s …");
        var target = Name("c", 0, 0);
        await ClosedLoop.RunAsync("warm-up gets", pool.Count, o.Warmup, (w, _, ct) => GetAsync(pool[w], target, ct), cancellationToken);
        report.Gets = await ClosedLoop.RunAsync($"GET one PV, {pool.Count} connections", pool.Count, o.Get,
            (w, _, ct) => GetAsync(pool[w], target, ct), cancellationToken);
        Console.WriteLine($"   {report.Gets.Result.PerSecond:0} gets/s");

        Collect();
        Console.WriteLine($"   GET /healthz, {pool.Count} connections, {o.Ceiling.TotalSeconds:0.#} s (transport ceiling) …");
        await ClosedLoop.RunAsync("warm-up healthz", pool.Count, o.Warmup, (w, _, ct) => HealthzAsync(pool[w], ct), cancellationToken);
        report.Healthz = await ClosedLoop.RunAsync($"GET /healthz, {pool.Count} connections", pool.Count, o.Ceiling,
            (w, _, ct) => HealthzAsync(pool[w], ct), cancellationToken);
        Console.WriteLine($"   {report.Healthz.Result.PerSecond:0} requests/s");
    }

    private static async Task HealthzAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("healthz", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string Name(string phase, int worker, int i) => string.Create(CultureInfo.InvariantCulture, $"bench-{phase}-{worker:D2}-{i:D7}");

    private static async Task CreateAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(PvBody.Create(name));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(PvPath, content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task GetAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"{PvPath}/{name}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static void Create(RawHttpsConnection connection, string name) =>
        connection.Send("POST", "/" + PvPath, PvBody.Create(name), expected: 201);

    /// <summary>Creates <paramref name="count"/> PVs, every client taking the next name as soon as it is free.</summary>
    private static (Measurement Result, UsageDelta Usage) Fill(List<RawHttpsConnection> pool, int count, CancellationToken cancellationToken)
    {
        var next = -1;
        var before = ProcessUsage.Now();
        var perClient = new Measurement[pool.Count];
        Exception? failure = null;
        var threads = pool.Select((connection, w) => new Thread(() =>
        {
            var m = new Measurement(string.Empty);
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    Create(connection, string.Create(CultureInfo.InvariantCulture, $"bench-fill-{i:D7}"));
                    m.Add(started, Stopwatch.GetTimestamp());
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }

            perClient[w] = m;
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failure is not null)
        {
            throw new InvalidOperationException("fill: a client failed", failure);
        }

        var usage = ProcessUsage.Now().Since(before);
        var total = new Measurement($"fill to the list size, {pool.Count} clients") { Elapsed = usage.Elapsed };
        foreach (var m in perClient)
        {
            total.Merge(m);
        }

        return (total, usage);
    }

    /// <summary>The number of PVs, from a one-item page's remainingItemCount.</summary>
    private static async Task<int> CountAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"{PvPath}?limit=1", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var items = doc.RootElement.GetProperty("items").GetArrayLength();
        var remaining = doc.RootElement.GetProperty("metadata").TryGetProperty("remainingItemCount", out var r) ? r.GetInt32() : 0;
        return items + remaining;
    }

    /// <summary>
    /// One unmeasured LIST whose body is parsed to check it holds every object, then the measured runs: each
    /// from sending the request to reading the last byte of the body (which the client reads and drops).
    /// </summary>
    private async Task<ListResult> ListAsync(HttpClient client, string? accept, string arrayName, CancellationToken cancellationToken)
    {
        using (var check = new HttpRequestMessage(HttpMethod.Get, PvPath))
        {
            if (accept is not null)
            {
                check.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await client.SendAsync(check, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var n = doc.RootElement.GetProperty(arrayName).GetArrayLength();
            if (n != _options.ListObjects)
            {
                throw new InvalidOperationException($"LIST returned {n} {arrayName}, expected {_options.ListObjects}");
            }
        }

        Collect();
        var result = new ListResult();
        var buffer = new byte[1 << 20];
        for (var run = 0; run < _options.ListRuns; run++)
        {
            var before = ProcessUsage.Now();
            using var request = new HttpRequestMessage(HttpMethod.Get, PvPath);
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            long bytes = 0;
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    bytes += read;
                }
            }

            var usage = ProcessUsage.Now().Since(before);
            result.Add(usage, bytes);
            Collect();
        }

        return result;
    }

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
