using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Stowage.Runtime.Client;

namespace Stowage.Benchmarks.Binding;

/// <summary>
/// The controller manager's log sink during the benchmark: counts every entry by category and event
/// (reconcile retries are Debug entries, so the count shows how often writes conflicted) and prints
/// warnings and errors.
/// </summary>
internal sealed class CountingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<(string Category, string Event), long> _counts = new();

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this, ShortName(categoryName));

    /// <summary>Entries so far, by (category, event name).</summary>
    public IReadOnlyDictionary<(string Category, string Event), long> Snapshot() => new Dictionary<(string, string), long>(_counts);

    public void Dispose()
    {
    }

    private static string ShortName(string category)
    {
        var generic = category.IndexOf('[', StringComparison.Ordinal);
        var plain = generic < 0 ? category : category[..generic];
        var dot = plain.LastIndexOf('.');
        return (dot < 0 ? plain : plain[(dot + 1)..]) + (generic < 0 ? "" : "<" + category[(category.LastIndexOf('.') + 1)..].TrimEnd(']') + ">");
    }

    private sealed class CountingLogger(CountingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var name = eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var cause = exception switch
            {
                null => "",
                ApiClientException e => $" ({e.Code} {e.Status.Reason})",
                _ => $" ({exception.GetType().Name})",
            };
            owner._counts.AddOrUpdate((category, name + cause), 1, (_, n) => n + 1);
            if (logLevel >= LogLevel.Warning)
            {
                Console.Error.WriteLine($"  [{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.Message)}");
            }
        }
    }
}
