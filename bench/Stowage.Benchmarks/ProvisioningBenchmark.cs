using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Api.Quantities;
using Stowage.Controllers.Hosting;
using Stowage.Controllers.Pool;
using Stowage.Controllers.Provisioning;
using Stowage.Runtime.Client;
using Stowage.Server.Hosting;

namespace Stowage.Benchmarks;

/// <summary>
/// Dynamic provisioning throughput, end to end: an in-process API server, storage pool and controller
/// manager wired exactly as <c>stowage server</c> wires them; N claims of class <c>local</c> created
/// through the API with a bounded number in flight; time until every claim is Bound. Then every claim
/// is deleted, and the run waits for every PV to go and checks that the pool leaked nothing (loop
/// devices, mounts, volume directories). Everything the run made is removed, also on failure.
/// </summary>
internal sealed class ProvisioningBenchmark
{
    private const string Namespace = "default";
    private const double TargetPerSecond = 100;

    private readonly ProvisioningOptions _options;
    private readonly StringBuilder _report = new();

    public ProvisioningBenchmark(ProvisioningOptions options)
    {
        _options = options;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (_options.PoolOnly)
        {
            return await RunPoolOnlyAsync(cancellationToken);
        }
        var root = Path.Combine(_options.Directory, $"stowage-provbench-{Guid.NewGuid():N}");
        var poolDir = Path.Combine(root, "pool");
        Directory.CreateDirectory(root);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? controllers = null;
        StoragePool? pool = null;
        StowageServer? server = null;
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        try
        {
            server = await StowageServer.StartAsync(new ServerOptions { DataDir = Path.Combine(root, "data"), Port = 0 },
                l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning), stop.Token);
            // Each 16Mi volume's image is about 21Mi (journal, metadata); leave room for all of them.
            var perVolume = Math.Max(_options.SizeBytes * 2, 32L << 20);
            pool = await StoragePool.OpenAsync(new PoolOptions { Directory = poolDir, CapacityBytes = perVolume * (_options.Claims + 64) },
                loggers.CreateLogger<StoragePool>(), stop.Token);
            Line($"provisioning benchmark: {_options.Claims} claims of {Quantity.FromBytes(_options.SizeBytes)}, {_options.InFlight} in flight, " +
                 $"{Environment.ProcessorCount} CPUs, .NET {Environment.Version}, pool {pool.Mode} under {poolDir}");
            if (pool.Mode != PoolMode.Enforced)
            {
                Line($"WARNING: pool not enforced ({pool.ModeReason}); volumes are plain directories");
            }
            var connection = new ApiConnection(server.Url, server.Credentials.CertificateAuthorityPem, server.Credentials.AdminToken);
            var manager = new ControllerManager(connection, $"bench_{Guid.NewGuid():N}", loggers, TimeProvider.System, pool: new NodePool(pool));
            controllers = manager.RunAsync(stop.Token);
            using var client = new ApiClient(connection, "provisioning-benchmark");
            await WaitForAsync("the default class", async () =>
                await client.GetAsync(ResourceTypes.StorageClasses, null, DefaultClassInstaller.ClassName, stop.Token) is not null, TimeSpan.FromSeconds(60), stop.Token);

            var names = Enumerable.Range(0, _options.Claims).Select(i => $"bench-{i:D5}").ToList();
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = _options.InFlight, CancellationToken = stop.Token },
                async (name, ct) => await client.CreateAsync(ResourceTypes.PersistentVolumeClaims, Claim(name), ct));
            var created = Stopwatch.GetElapsedTime(started);
            Line($"  {names.Count} claims created in {created.TotalSeconds:0.00} s");
            var bound = await WaitForAsync("all claims Bound", async () =>
            {
                var list = await client.ListAsync(ResourceTypes.PersistentVolumeClaims, Namespace, stop.Token);
                return list.Items.Count(c => c.Status?.Phase == "Bound");
            }, _options.Claims, _options.Timeout, started, stop.Token);
            var bindTime = Stopwatch.GetElapsedTime(started);
            var boundOk = bound == _options.Claims;

            var deleteStarted = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = _options.InFlight, CancellationToken = stop.Token },
                async (name, ct) => await client.DeleteAsync(ResourceTypes.PersistentVolumeClaims, Namespace, name, ct));
            var remaining = await WaitForAsync("every PV gone", async () =>
            {
                var volumes = await client.ListAsync(ResourceTypes.PersistentVolumes, null, stop.Token);
                var claims = await client.ListAsync(ResourceTypes.PersistentVolumeClaims, Namespace, stop.Token);
                return _options.Claims - Math.Max(volumes.Items.Count, claims.Items.Count);
            }, _options.Claims, _options.Timeout, deleteStarted, stop.Token);
            var deleteTime = Stopwatch.GetElapsedTime(deleteStarted);
            var deletedOk = remaining == _options.Claims;
            var leaks = await LeakCheck.RunAsync(poolDir, stop.Token);

            var metrics = new StringWriter(CultureInfo.InvariantCulture);
            await manager.WriteMetricsAsync(metrics, stop.Token);
            var rate = bound / bindTime.TotalSeconds;
            Line("");
            Line($"| {"measure",-44} | {"figure",14} | {"target",10} | {"verdict",7} |");
            Line($"|{new string('-', 46)}|{new string('-', 16)}|{new string('-', 12)}|{new string('-', 9)}|");
            Row("claims created (API, wall)", $"{created.TotalSeconds:0.00} s", "", "");
            Row("claims Bound", $"{bound} / {_options.Claims}", $"{_options.Claims}", boundOk ? "ok" : "FAIL");
            Row("time to all Bound", $"{bindTime.TotalSeconds:0.00} s", "", "");
            Row("provisions per second", $"{rate:0.0}/s", $">= {TargetPerSecond:0}/s", rate >= TargetPerSecond && boundOk ? "ok" : "MISSED");
            Row("delete all + every PV gone", $"{deleteTime.TotalSeconds:0.00} s", "", deletedOk ? "ok" : "FAIL");
            Row("deletes per second", $"{remaining / deleteTime.TotalSeconds:0.0}/s", "", "");
            Row("leaked loop devices (losetup -a)", $"{leaks.LoopDevices}", "0", leaks.LoopDevices == 0 ? "ok" : "LEAK");
            Row("leaked mounts (/proc/mounts)", $"{leaks.Mounts}", "0", leaks.Mounts == 0 ? "ok" : "LEAK");
            Row("leftover pool volume directories", $"{leaks.VolumeDirectories}", "0", leaks.VolumeDirectories == 0 ? "ok" : "LEAK");
            Line("");
            Line("controller metrics after the run (provisioner, binder):");
            foreach (var line in metrics.ToString().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                Line($"    {line}");
            }
            if (_options.Diagnose)
            {
                await new PoolDiagnosis(pool, _options.SizeBytes, Line).RunAsync(stop.Token);
                var after = await LeakCheck.RunAsync(poolDir, stop.Token);
                Line($"  after diagnosis: {after.LoopDevices} loop devices, {after.Mounts} mounts, {after.VolumeDirectories} volume directories left");
            }
            WriteReport();
            return boundOk && deletedOk && leaks.Total == 0 ? 0 : 1;
        }
        finally
        {
            await stop.CancelAsync();
            if (controllers is not null)
            {
                try
                {
                    await controllers;
                }
                catch (OperationCanceledException)
                {
                }
            }
            if (pool is not null)
            {
                try
                {
                    await pool.TearDownAllAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is PoolException or IOException)
                {
                    Console.Error.WriteLine($"pool teardown: {e.Message}");
                }
                await pool.DisposeAsync();
            }
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            await LeakCheck.ForceCleanAsync(root);
        }
    }

    /// <summary>The pool's create path alone (no API, no controllers), with per-step timings.</summary>
    private async Task<int> RunPoolOnlyAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(_options.Directory, $"stowage-poolbench-{Guid.NewGuid():N}");
        var poolDir = Path.Combine(root, "pool");
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var profile = new PoolStepProfile();
        StoragePool? pool = null;
        try
        {
            pool = await StoragePool.OpenAsync(new PoolOptions { Directory = poolDir, AfterCreateStep = profile.AfterStep },
                loggers.CreateLogger<StoragePool>(), cancellationToken);
            Line($"pool benchmark: volumes of {Quantity.FromBytes(_options.SizeBytes)}, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, pool {pool.Mode} under {poolDir}");
            // Warm up (JIT, first format of this size) outside the figures.
            await pool.CreateAsync("warm-up", _options.SizeBytes, cancellationToken);
            await pool.DeleteAsync("warm-up", cancellationToken);
            await new PoolDiagnosis(pool, _options.SizeBytes, Line, profile).RunAsync(cancellationToken);
            var leaks = await LeakCheck.RunAsync(poolDir, cancellationToken);
            Line($"  after: {leaks.LoopDevices} loop devices, {leaks.Mounts} mounts, {leaks.VolumeDirectories} volume directories left");
            WriteReport();
            return leaks.Total == 0 ? 0 : 1;
        }
        finally
        {
            if (pool is not null)
            {
                await pool.TearDownAllAsync(CancellationToken.None);
                await pool.DisposeAsync();
            }
            await LeakCheck.ForceCleanAsync(root);
        }
    }

    private static PersistentVolumeClaim Claim(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = DefaultClassInstaller.ClassName,
            Resources = new VolumeResourceRequirements { Requests = new Dictionary<string, Quantity> { ["storage"] = Quantity.FromBytes(16L << 20) } },
        },
    };

    private static async Task WaitForAsync(string what, Func<Task<bool>> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await done())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="count"/> until it reaches <paramref name="goal"/> or the timeout; returns the last count.</summary>
    private static async Task<int> WaitForAsync(string what, Func<Task<int>> count, int goal, TimeSpan timeout, long started, CancellationToken cancellationToken)
    {
        var lastPrint = 0.0;
        while (true)
        {
            var n = await count();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (n >= goal)
            {
                Console.WriteLine($"  {what}: {n}/{goal} at {elapsed:0.00} s");
                return n;
            }
            if (elapsed - lastPrint >= 2)
            {
                Console.WriteLine($"  {what}: {n}/{goal} at {elapsed:0.0} s");
                lastPrint = elapsed;
            }
            if (elapsed > timeout.TotalSeconds)
            {
                Console.WriteLine($"  {what}: TIMED OUT with {n}/{goal} after {elapsed:0.0} s");
                return n;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private void Row(string measure, string figure, string target, string verdict) =>
        Line($"| {measure,-44} | {figure,14} | {target,10} | {verdict,7} |");

    private void Line(string text)
    {
        Console.WriteLine(text);
        _report.AppendLine(text);
    }

    private void WriteReport()
    {
        if (_options.ReportPath is null)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_options.ReportPath))!);
        File.WriteAllText(_options.ReportPath,
            $"# Provisioning benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n" +
            "`dotnet run -c Release --project bench/Stowage.Benchmarks -- provisioning` (as root)\n\n```\n" + _report + "```\n");
        Console.WriteLine($"report written to {_options.ReportPath}");
    }
}
