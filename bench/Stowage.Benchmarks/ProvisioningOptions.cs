namespace Stowage.Benchmarks;

/// <summary>Settings of the provisioning benchmark.</summary>
internal sealed record ProvisioningOptions
{
    public int Claims { get; init; } = 1000;

    public int InFlight { get; init; } = 32;

    public long SizeBytes { get; init; } = 16L << 20;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the temp server data and pool go.</summary>
    public string Directory { get; init; } = Path.GetTempPath();

    /// <summary>Also time pool creates directly, sequentially and at several concurrencies.</summary>
    public bool Diagnose { get; init; }

    /// <summary>Only the pool's create path, timed per step (no API server, no controllers).</summary>
    public bool PoolOnly { get; init; }

    public string? ReportPath { get; init; }
}
