using System.Diagnostics;
using System.Runtime.CompilerServices;
using Stowage.Controllers.Pool;

namespace Stowage.Benchmarks;

/// <summary>
/// Time spent between the pool's create steps (<see cref="PoolOptions.AfterCreateStep"/>), per
/// create: each create carries its own clock in an async-local box, so concurrent creates do not
/// mix. "ready" is from the last step until <see cref="StoragePool.CreateAsync"/> returns.
/// </summary>
internal sealed class PoolStepProfile
{
    private readonly AsyncLocal<StrongBox<long>?> _last = new();
    private readonly Dictionary<string, (double TotalMs, int Count)> _steps = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The hook to pass as <see cref="PoolOptions.AfterCreateStep"/>.</summary>
    public Task AfterStep(CreateStep step, CancellationToken cancellationToken)
    {
        Note(step.ToString());
        return Task.CompletedTask;
    }

    /// <summary>Starts the clock of a create in the current async flow.</summary>
    public void Start() => _last.Value = new StrongBox<long>(Stopwatch.GetTimestamp());

    /// <summary>Ends the clock of the create in the current async flow.</summary>
    public void Finish() => Note("ready (state file)");

    public void Clear()
    {
        lock (_steps)
        {
            _steps.Clear();
        }
    }

    public IEnumerable<string> Lines()
    {
        lock (_steps)
        {
            var total = _steps.Values.Sum(s => s.TotalMs / s.Count);
            foreach (var name in _order.Where(_steps.ContainsKey))
            {
                var (ms, count) = _steps[name];
                yield return $"| {"-> " + name,-22} | {ms / count,8:0.00} |";
            }
            yield return $"| {"total",-22} | {total,8:0.00} |";
        }
    }

    private void Note(string step)
    {
        var box = _last.Value;
        if (box is null)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(box.Value, now).TotalMilliseconds;
        box.Value = now;
        lock (_steps)
        {
            if (!_order.Contains(step))
            {
                _order.Add(step);
            }
            var (total, count) = _steps.GetValueOrDefault(step);
            _steps[step] = (total + ms, count + 1);
        }
    }
}
