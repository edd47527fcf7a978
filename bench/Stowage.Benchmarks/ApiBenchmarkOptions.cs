namespace Stowage.Benchmarks;

/// <summary>Durations and sizes of the <c>api</c> benchmark.</summary>
internal sealed record ApiBenchmarkOptions
{
    /// <summary>Where the temporary databases go.</summary>
    public required string Directory { get; init; }

    /// <summary>Where the markdown report goes (null: not written).</summary>
    public string? ResultsDirectory { get; init; }

    public int Clients { get; init; } = 32;

    public TimeSpan Baseline { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Throughput { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Latency { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Get { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long GET /healthz runs: the HTTPS round trip with no API work, for scale.</summary>
    public TimeSpan Ceiling { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public int ListObjects { get; init; } = 100_000;

    public int ListRuns { get; init; } = 3;

    /// <summary>A smoke run: every phase short, a small list, no report file.</summary>
    public static ApiBenchmarkOptions Quick(string directory) => new()
    {
        Directory = directory,
        Baseline = TimeSpan.FromSeconds(1),
        Throughput = TimeSpan.FromSeconds(1),
        Latency = TimeSpan.FromSeconds(1),
        Get = TimeSpan.FromSeconds(1),
        Ceiling = TimeSpan.FromSeconds(1),
        Warmup = TimeSpan.FromSeconds(0.5),
        ListObjects = 10_000,
    };
}
