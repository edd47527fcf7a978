using Stowage.Storage;

namespace Stowage.Storage.Tests;

/// <summary>The conformance suite against <see cref="InMemoryStore"/>.</summary>
public sealed class InMemoryStoreTests : StoreConformanceTests
{
    protected override Task<IStore> OpenStoreAsync() => Task.FromResult<IStore>(new InMemoryStore());

    [Fact]
    public async Task Slow_watcher_is_dropped_with_watch_lagged()
    {
        await using var store = new InMemoryStore(watcherQueueCapacity: 16);

        await AssertSlowWatcherIsDroppedAsync(store, 16);
    }
}
