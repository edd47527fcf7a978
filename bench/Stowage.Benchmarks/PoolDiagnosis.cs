using System.Diagnostics;
using Stowage.Controllers.Pool;

namespace Stowage.Benchmarks;

/// <summary>
/// Where provisioning time goes: pool creates and deletes timed directly (no API, no controllers),
/// one at a time and at several concurrencies, so the provisioner's worker count can be judged;
/// with a <see cref="PoolStepProfile"/>, also the mean time of each create step one at a time.
/// </summary>
internal sealed class PoolDiagnosis
{
    private const int Volumes = 32;

    private readonly StoragePool _pool;
    private readonly long _sizeBytes;
    private readonly Action<string> _line;
    private readonly PoolStepProfile? _profile;

    public PoolDiagnosis(StoragePool pool, long sizeBytes, Action<string> line, PoolStepProfile? profile = null)
    {
        _pool = pool;
        _sizeBytes = sizeBytes;
        _line = line;
        _profile = profile;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _line("");
        _line($"pool alone ({Volumes} volumes per row; create = image + loop device + ext4 + mount):");
        _line($"| {"concurrency",11} | {"creates/s",9} | {"ms per create",13} | {"deletes/s",9} |");
        _line($"|{new string('-', 13)}|{new string('-', 11)}|{new string('-', 15)}|{new string('-', 11)}|");
        List<string> steps = [];
        foreach (var concurrency in new[] { 1, 4, 8, 16 })
        {
            _profile?.Clear();
            var names = Enumerable.Range(0, Volumes).Select(i => $"diag-{concurrency}-{i}").ToList();
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            var latencies = new List<double>();
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(names, options, async (name, ct) =>
            {
                var t = Stopwatch.GetTimestamp();
                _profile?.Start();
                await _pool.CreateAsync(name, _sizeBytes, ct);
                _profile?.Finish();
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            });
            var createRate = Volumes / Stopwatch.GetElapsedTime(started).TotalSeconds;
            started = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(names, options, async (name, ct) => await _pool.DeleteAsync(name, ct));
            var deleteRate = Volumes / Stopwatch.GetElapsedTime(started).TotalSeconds;
            _line($"| {concurrency,11} | {createRate,9:0.0} | {latencies.Average(),13:0.0} | {deleteRate,9:0.0} |");
            if (concurrency == 1 && _profile is not null)
            {
                steps = _profile.Lines().ToList();
            }
        }
        if (steps.Count > 0)
        {
            _line("");
            _line("create steps, one at a time (mean ms from the previous step):");
            _line($"| {"step",-22} | {"ms",8} |");
            _line($"|{new string('-', 24)}|{new string('-', 10)}|");
            steps.ForEach(_line);
        }
    }
}
