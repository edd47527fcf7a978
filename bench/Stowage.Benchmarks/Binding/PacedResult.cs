namespace Stowage.Benchmarks.Binding;

/// <summary>What the paced phase measured.</summary>
internal sealed record PacedResult(int Claims, int Pool, TimeSpan PoolReady, double AchievedRate, TimeSpan MaxPacerLag,
    LatencySummary CreateCall, LatencySummary CreateToBound, IReadOnlyList<string> Problems, int DistinctVolumes);
