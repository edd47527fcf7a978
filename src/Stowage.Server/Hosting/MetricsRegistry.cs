using System.Collections.Concurrent;

namespace Stowage.Server.Hosting;

/// <summary>
/// Sources of Prometheus text-format metrics served at /metrics. Components register a writer; each
/// scrape calls every writer in registration order.
/// </summary>
public sealed class MetricsRegistry
{
    private readonly ConcurrentQueue<Func<TextWriter, CancellationToken, Task>> _writers = new();

    /// <summary>Adds a metrics writer.</summary>
    public void Register(Func<TextWriter, CancellationToken, Task> writer) => _writers.Enqueue(writer);

    /// <summary>Writes every source's metrics.</summary>
    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var writer in _writers)
        {
            await writer(output, cancellationToken).ConfigureAwait(false);
        }
    }
}
