namespace Stowage.Benchmarks.Binding;

/// <summary>What the bulk phase measured.</summary>
internal sealed record BulkResult(int Claims, TimeSpan VolumesCreated, TimeSpan VolumesReady, TimeSpan ClaimsCreated, TimeSpan AllBound,
    LatencySummary CreateToBound, IReadOnlyList<string> Problems, int DistinctVolumes, long WatchEvents,
    TimeSpan ProcessCpu, long StoreWrites, long StoreCommits, long MethodsCompiled, TimeSpan CompilationTime);
