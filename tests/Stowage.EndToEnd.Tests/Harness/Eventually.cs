namespace Stowage.EndToEnd.Tests.Harness;

/// <summary>Waits for a condition with a deadline (never a fixed sleep as synchronisation).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last)) return last;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met in time{(what is null ? "" : ": " + what)}; last value: {last}");
            }
            await Task.Delay(25);
        }
    }
}
