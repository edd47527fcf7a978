namespace Stowage.Benchmarks;

/// <summary>The timed runs of one LIST.</summary>
internal sealed class ListResult
{
    private readonly List<UsageDelta> _runs = [];

    public long Bytes { get; private set; }

    public IReadOnlyList<UsageDelta> Runs => _runs;

    public TimeSpan Median => _runs.Select(r => r.Elapsed).Order().ElementAt(_runs.Count / 2);

    /// <summary>The run whose time is the median, for its CPU and allocation.</summary>
    public UsageDelta MedianRun => _runs.OrderBy(r => r.Elapsed).ElementAt(_runs.Count / 2);

    public void Add(UsageDelta run, long bytes)
    {
        _runs.Add(run);
        Bytes = bytes;
    }
}
