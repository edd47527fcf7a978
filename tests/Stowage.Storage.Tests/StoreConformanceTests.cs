using Stowage.Storage;
using static Stowage.Storage.Tests.StoreTesting;

namespace Stowage.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStore"/> backend must show. A backend's test class derives from this and
/// opens a fresh, empty store per test. The cases are grouped by concern in the partial files beside this one
/// (Writes, Ranges, Watches, Compaction, Concurrency).
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The store under test; fresh and empty at the start of each test.</summary>
    protected IStore Store { get; set; } = null!;

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract Task<IStore> OpenStoreAsync();

    public virtual async Task InitializeAsync() => Store = await OpenStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();
}
