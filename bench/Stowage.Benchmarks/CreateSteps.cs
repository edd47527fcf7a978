using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Api.Schema;
using Stowage.Server.Resources;
using Stowage.Storage;

namespace Stowage.Benchmarks;

/// <summary>
/// The server-side steps of a PV create, each timed alone in a loop on one thread (no HTTP, no SQLite), and the
/// whole create through <see cref="ResourceStore{T}"/> over the in-memory store: where a create's CPU goes.
/// </summary>
internal static class CreateSteps
{
    public static async Task RunAsync(int iterations, bool wholeOnly, CancellationToken cancellationToken)
    {
        var codec = new ObjectCodec<PersistentVolume>(ApiJsonContext.Default.PersistentVolume, "v1", "PersistentVolume");
        var schema = ApiSchemas.Default.For(typeof(PersistentVolume));
        var body = PvBody.Create("bench-steps-0000001");
        var catalog = BuiltInResources.Create(new InMemoryStore(), TimeProvider.System);
        var volumes = catalog.Store<PersistentVolume>();
        var options = new WriteOptions { FieldManager = "bench" };
        var now = DateTimeOffset.UtcNow;

        var typed = JsonSerializer.Deserialize(body, ApiJsonContext.Default.PersistentVolume)!;
        var created = await volumes.CreateAsync(null, typed, options, cancellationToken);
        var stored = codec.Encode(created);
        var kv = new KeyValue("/registry/persistentvolumes/x", stored, 5, 5);

        Console.WriteLine($"create steps, {iterations} iterations each (µs per call, KiB allocated per call):");
        if (!wholeOnly)
        {
        Time("parse body (JsonNode)", iterations, () => JsonNode.Parse(body));
        Time("typed decode of body", iterations, () => JsonSerializer.Deserialize(body, ApiJsonContext.Default.PersistentVolume));
        var bodyNode = JsonNode.Parse(body)!;
        Time("typed decode of body's JsonNode", iterations, () => bodyNode.Deserialize(ApiJsonContext.Default.PersistentVolume));
        Time("validate", iterations, () => volumes.Strategy.Validate(created));
        Time("default", iterations, () => volumes.Strategy.Default(typed));
        Time("managed fields (create)", iterations, () => FieldManagement.Record(typed, null, options, now, codec.TypeInfo, schema, "v1"));
        Time("encode for storage", iterations, () => codec.Encode(created));
        Time("decode stored", iterations, () => codec.Decode(kv));
        Time("serialize object", iterations, () => codec.Serialize(created));
        Time("served JSON from stored bytes", iterations, () => codec.SerializeStored(stored, 12345));
        }

        var i = 0;
        IResourceStore untyped = volumes;
        await TimeAsync("whole create from the body's bytes (in-memory store)", iterations, () =>
            untyped.CreateAsync(null, PvBody.Create(string.Create(CultureInfo.InvariantCulture, $"bench-loop-{i++:D7}")), options, cancellationToken));
    }

    private static void Time(string step, int iterations, Func<object?> action)
    {
        for (var i = 0; i < Math.Min(iterations, 2000); i++)
        {
            action();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        Report(step, iterations, started, allocated);
    }

    private static async Task TimeAsync(string step, int iterations, Func<Task> action)
    {
        for (var i = 0; i < Math.Min(iterations, 2000); i++)
        {
            await action();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            await action();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine($"  {step,-34} {elapsed.TotalMicroseconds / iterations,8:0.0} µs {bytes / 1024.0 / iterations,8:0.0} KiB");
    }

    private static void Report(string step, int iterations, long started, long allocated)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine($"  {step,-34} {elapsed.TotalMicroseconds / iterations,8:0.0} µs {bytes / 1024.0 / iterations,8:0.0} KiB");
    }
}
